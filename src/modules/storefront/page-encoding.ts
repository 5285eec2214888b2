import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { Negotiator } from '@fastify/accept-negotiator';

export type PageEncoding = 'br' | 'gzip';

/** A rendered page as kept in the cache: its bytes, and the compressed forms made for it so far. */
export interface EncodedPage {
  body: Buffer;
  etag: string;
  status: number;
  encoded: Partial<Record<PageEncoding, Buffer>>;
  /** Compressions started and not finished: each is made once per page. */
  compressing: Set<PageEncoding>;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

// Quality 6 and level 9: within a few per cent of the smallest output, at a fraction of the time;
// made once per page and kept, off the main thread (zlib runs on libuv's pool).
const compressors: Record<PageEncoding, (body: Buffer) => Promise<Buffer>> = {
  br: (body) =>
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
  gzip: (body) => gzipAsync(body, { level: 9 }),
};

const negotiator = new Negotiator<PageEncoding | 'identity'>({
  supportedValues: ['br', 'gzip', 'identity'],
  cache: new Map(),
});

/** The encoding to answer in, from the request's Accept-Encoding; null for the page's own bytes. */
export function pageEncodingFor(acceptEncoding: string | undefined): PageEncoding | null {
  if (!acceptEncoding) return null;
  const chosen = negotiator.negotiate(acceptEncoding);
  return chosen === 'br' || chosen === 'gzip' ? chosen : null;
}

export function encodedPage(body: string, etag: string, status: number): EncodedPage {
  return { body: Buffer.from(body), etag, status, encoded: {}, compressing: new Set() };
}

/**
 * The page in `encoding` when it has been made; otherwise starts making it (once) and returns null,
 * so this response goes uncompressed and the next ones get it. A page is compressed only once it is
 * asked for again from the cache: a page rendered and never served twice costs no compression.
 */
export function compressedForm(page: EncodedPage, encoding: PageEncoding): Buffer | null {
  const done = page.encoded[encoding];
  if (done) return done;
  if (!page.compressing.has(encoding)) {
    page.compressing.add(encoding);
    compressors[encoding](page.body).then(
      (bytes) => {
        // Only when it saves bytes: a tiny page may not shrink.
        if (bytes.length < page.body.length) page.encoded[encoding] = bytes;
      },
      () => {
        // A compression that failed leaves the page served as it is; the next ask tries again.
        page.compressing.delete(encoding);
      },
    );
  }
  return null;
}

/** A representation's own ETag: a compressed form is another representation (RFC 9110, 8.8.3). */
export const etagFor = (etag: string, encoding: PageEncoding | null) =>
  encoding === null ? etag : `${etag.slice(0, -1)}-${encoding}"`;
