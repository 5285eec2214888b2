import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';

export const clamdBinary = process.env.CLAMD_BINARY ?? '/usr/sbin/clamd';
export const hasClamd = existsSync(clamdBinary);

/** The EICAR test file (eicar.org), built here so no file in the repository trips a scanner. */
export const eicar = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-', 'TEST-FILE!$H+H*'].join(''),
);
/** A marker only the test's own signature database knows: proves clamd, not the built-in check, found it. */
export const clamdOnlyMarker = Buffer.from('SELLROCKET-CLAMD-TEST-MARKER');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const ping = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.on('data', (d) => (reply += d.toString()));
    socket.on('end', () => resolve(reply.startsWith('PONG')));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.end('zPING\0'));
  });

/**
 * A real ClamAV daemon on loopback with a signature database written here (no download is possible):
 * the EICAR file by its MD5, and a body-match signature for `clamdOnlyMarker`.
 */
export async function startClamd(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'clamd-'));
  const db = path.join(dir, 'db');
  const port = await freePort();
  mkdirSync(db);
  writeFileSync(
    path.join(db, 'sellrocket-test.hdb'),
    `${createHash('md5').update(eicar).digest('hex')}:${eicar.length}:Eicar-Test-Signature\n`,
  );
  writeFileSync(
    path.join(db, 'sellrocket-test.ndb'),
    `SellRocket.Test.Marker:0:*:${clamdOnlyMarker.toString('hex')}\n`,
  );
  const conf = path.join(dir, 'clamd.conf');
  writeFileSync(
    conf,
    [
      'Foreground yes',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${db}`,
      `LogFile ${path.join(dir, 'clamd.log')}`,
      // clamd gives up root for this user; the test runs as whoever it is.
      `User ${os.userInfo().username}`,
      'StreamMaxLength 20M',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(clamdBinary, ['-c', conf], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`clamd did not start (see ${dir}/clamd.log)`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `tcp://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
