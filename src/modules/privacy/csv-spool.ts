import { createReadStream, createWriteStream, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';

async function write(out: WriteStream, text: string) {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * A dataset's CSV while its JSON goes into the zip first: kept in memory while small (nearly every
 * subject: a scratch file costs several trips to the file system's thread pool), spilled to a
 * private scratch file beside the archive once it passes `limit` characters.
 */
export class CsvSpool {
  private chunks: string[] = [];
  private size = 0;
  private file: WriteStream | undefined;
  constructor(
    private readonly path: string,
    private readonly limit = 4 * 1024 * 1024,
  ) {}

  async write(text: string) {
    if (this.file) return write(this.file, text);
    this.chunks.push(text);
    this.size += text.length;
    if (this.size <= this.limit) return;
    this.file = createWriteStream(this.path, { mode: 0o600 });
    await write(this.file, this.chunks.join(''));
    this.chunks = [];
  }

  async close() {
    if (!this.file) return;
    this.file.end();
    await once(this.file, 'close');
  }

  /** The whole CSV, once closed; a scratch file is removed once read. */
  async *read(): AsyncGenerator<string | Buffer> {
    if (!this.file) {
      yield this.chunks.join('');
      return;
    }
    yield* createReadStream(this.path);
    rmSync(this.path, { force: true });
  }
}
