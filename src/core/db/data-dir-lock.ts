import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDataDir } from './data-dir.js';

export interface LockInfo {
  pid: number;
  port: number;
  adminToken: string;
  startedAt: string;
}

export class DataDirBusyError extends Error {
  constructor(readonly holder: LockInfo) {
    super(
      `Another SellRocket server (pid ${holder.pid}, port ${holder.port}) already uses this data directory. ` +
        'Only one process may open an embedded database: stop it first, or point DATA_DIR elsewhere. ' +
        'Operator commands (npx sellrocket …) reach the running server by themselves.',
    );
  }
}

const lockFile = (dataDir: string) => path.join(dataDir, 'server.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds the data directory right now, if a live process does. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(lockFile(dataDir), 'utf8')) as LockInfo;
    return isAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data directory for this process (atomic create of server.lock, mode 0600 because it
 * holds the admin token). A lock left by a dead process is taken over.
 */
export function acquireDataDirLock(dataDir: string, info: LockInfo): () => void {
  ensurePrivateDataDir(dataDir);
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dataDir);
      if (holder) throw new DataDirBusyError(holder);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** Updates the lock once the port is known (port 0 means "any"). */
export function rewriteLock(dataDir: string, info: LockInfo): void {
  const fd = openSync(lockFile(dataDir), 'w', 0o600);
  writeSync(fd, JSON.stringify(info));
  closeSync(fd);
}
