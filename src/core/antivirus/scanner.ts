import net from 'node:net';
import { AppError } from '../errors.js';

/** A scan's answer: clean, or the name of what was found. */
export type ScanVerdict = { clean: true } | { clean: false; signature: string };

/** Anti-virus for uploads (policy S2): every file is scanned before anything of it is stored. */
export interface VirusScanner {
  readonly name: string;
  scan(bytes: Buffer): Promise<ScanVerdict>;
}

/** The scanner could not answer: the upload is refused (fail closed), not let through unscanned. */
export class ScannerUnavailableError extends AppError {
  constructor(detail: string) {
    super('unavailable', `Uploads cannot be checked for viruses just now; try again shortly. (${detail})`);
  }
}

// The industry's test string (eicar.org): every anti-virus reports a file holding it, so a platform
// that claims to scan uploads must refuse it even with no engine configured.
const eicarMarker = Buffer.from('EICAR-STANDARD-ANTIVIRUS-TEST-FILE!');

/** The built-in check: always on, before any engine; refuses the EICAR test file. */
export const builtInScanner: VirusScanner = {
  name: 'built-in',
  async scan(bytes) {
    return bytes.includes(eicarMarker) ? { clean: false, signature: 'Eicar-Test-Signature' } : { clean: true };
  },
};

/**
 * ClamAV's daemon over its INSTREAM command: `tcp://host:3310` or `unix:/run/clamav/clamd.ctl`
 * (CLAMD_URL). The file goes in chunks, each prefixed by its length; clamd answers `stream: OK` or
 * `stream: <signature> FOUND`.
 */
export function clamdScanner(url: string, opts: { timeoutMs?: number } = {}): VirusScanner {
  const target = parseClamdUrl(url);
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    name: 'clamd',
    scan: (bytes) =>
      new Promise<ScanVerdict>((resolve, reject) => {
        const socket = 'path' in target ? net.connect(target.path) : net.connect(target.port, target.host);
        const chunks: Buffer[] = [];
        let settled = false;
        const fail = (why: string) => {
          if (settled) return;
          settled = true;
          socket.destroy();
          reject(new ScannerUnavailableError(why));
        };
        socket.setTimeout(timeoutMs, () => fail('clamd did not answer in time'));
        socket.on('error', (e) => fail(`clamd: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
        socket.on('data', (d: Buffer) => chunks.push(d));
        socket.on('end', () => {
          if (settled) return;
          const reply = Buffer.concat(chunks).toString('utf8').replace(/\0+$/, '').trim();
          const found = /^stream: (.+) FOUND$/.exec(reply);
          if (reply === 'stream: OK') {
            settled = true;
            resolve({ clean: true });
          } else if (found) {
            settled = true;
            resolve({ clean: false, signature: found[1]! });
          } else fail(`clamd answered ${JSON.stringify(reply.slice(0, 120))}`);
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          const step = 64 * 1024;
          for (let i = 0; i < bytes.length; i += step) {
            const part = bytes.subarray(i, i + step);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(part.length);
            socket.write(size);
            socket.write(part);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}

function parseClamdUrl(url: string): { host: string; port: number } | { path: string } {
  const u = new URL(url);
  if (u.protocol === 'unix:') return { path: u.pathname };
  if (u.protocol === 'tcp:') return { host: u.hostname || '127.0.0.1', port: Number(u.port || 3310) };
  throw new Error('CLAMD_URL is tcp://host:port or unix:/path/to/clamd.sock');
}

/** The built-in check, then each engine: the first to find something decides. */
export function scannerChain(scanners: VirusScanner[]): VirusScanner {
  return {
    name: scanners.map((s) => s.name).join('+'),
    async scan(bytes) {
      for (const s of scanners) {
        const verdict = await s.scan(bytes);
        if (!verdict.clean) return verdict;
      }
      return { clean: true };
    },
  };
}

export function scannerFromConfig(clamdUrl: string | undefined): VirusScanner {
  return scannerChain(clamdUrl ? [builtInScanner, clamdScanner(clamdUrl)] : [builtInScanner]);
}
