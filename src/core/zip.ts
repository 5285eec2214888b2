import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { zipSync, type DeflateOptions, type Zippable } from 'fflate';
import yazl from 'yazl';

/**
 * yazl, with its CRC-32 computed by Node's native zlib.crc32 instead of buffer-crc32's byte loop in
 * JavaScript: profiled at 217 ms of a 300 ms export of 10,000 records (`npm run bench`). Same
 * values; the module patched is the very one yazl resolves.
 */
const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
const crc32 = fromYazl('buffer-crc32') as { unsigned: (buf: Buffer, previous?: number) => number };
if (typeof zlib.crc32 === 'function') crc32.unsigned = (buf, previous) => zlib.crc32(buf, previous ?? 0);

export const ZipFile = yazl.ZipFile;

/**
 * A zip being made, its entries in the order they are added. Deflate level 1 by default: an archive
 * is written once and downloaded a few times, and level 1 costs a third of the default.
 */
export interface ZipSink {
  /** An entry whose content is made when the zip reaches it, once every entry before it is written. */
  add(name: string, content: () => string | Buffer): void;
  /** An entry read from a stream as the zip reaches it (a zip written to a file only). */
  addStream(name: string, stream: Readable): void;
  /** Ends the zip: its bytes when it was made in memory. */
  end(): Promise<Buffer | undefined>;
}

/**
 * A zip made in memory in one pass (fflate, deflating in this thread): for an archive of a few
 * dozen small entries, 1.9 ms where yazl, one zlib stream per entry through the thread pool, took
 * 8.6 ms (28 entries, 100 KB).
 */
export function memoryZip(level: DeflateOptions['level'] = 1): ZipSink {
  const entries: [string, () => string | Buffer][] = [];
  return {
    add: (name, content) => entries.push([name, content]),
    addStream: () => {
      throw new Error('A zip made in memory takes no stream');
    },
    end: async () => {
      const files: Zippable = {};
      for (const [name, content] of entries) {
        const made = content();
        files[name] = [typeof made === 'string' ? Buffer.from(made) : made, { level }];
      }
      return Buffer.from(zipSync(files));
    },
  };
}

/** A zip streamed to a file as its entries are read (yazl): for archives too large to hold in memory. */
export function fileZip(path: string, compressionLevel = 1): ZipSink {
  const zip = new ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(path, { mode: 0o600 }));
  // Without a listener until end() is called, a failed write would be an unhandled rejection.
  done.catch(() => undefined);
  const addStream = (name: string, stream: Readable) => zip.addReadStream(stream, name, { compressionLevel });
  return {
    add: (name, content) =>
      addStream(
        name,
        Readable.from(
          (async function* () {
            yield content();
          })(),
        ),
      ),
    addStream,
    end: async () => {
      zip.end();
      await done;
      return undefined;
    },
  };
}
