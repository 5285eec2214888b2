import { fork, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));

function forkTs(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdout: number | 'inherit' | 'ignore',
): ChildProcess {
  return fork(path.join(here, script), args, {
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', stdout, 'inherit', 'ipc'],
  });
}

function firstMessage<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready`)));
  });
}

export interface Server<T> {
  ready: T;
  stop(): Promise<void>;
}

/**
 * Starts a server script in its own process; it sends one message when it listens. Its stdout (the
 * logs) goes to `logFile` when given, so the bench can tell how much the server wrote.
 */
export async function startServer<T>(script: string, env: NodeJS.ProcessEnv, logFile?: string): Promise<Server<T>> {
  const fd = logFile ? openSync(logFile, 'a') : 'ignore';
  const child = forkTs(script, [], env, fd);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const ready = await firstMessage<T>(child, script);
    return {
      ready,
      async stop() {
        child.disconnect();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
        if (typeof fd === 'number') closeSync(fd);
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    if (typeof fd === 'number') closeSync(fd);
    throw e;
  }
}

/**
 * Runs autocannon in a process of its own (bench/load.ts), never in the server's. The options go as
 * a message: a list of requests can be longer than a command line may be.
 */
export async function runLoad(opts: LoadOptions): Promise<autocannon.Result> {
  const child = forkTs('load.ts', [], process.env, 'inherit');
  child.send(opts);
  return firstMessage<autocannon.Result>(child, 'autocannon');
}

export type LoadOptions = autocannon.Options & { spread?: boolean };
export type Load = (opts: LoadOptions) => Promise<autocannon.Result>;

/**
 * One load-generator process (bench/load.ts --serve) for many runs, one at a time: a bench with many
 * targets saves the second or two each new tsx process takes to start.
 */
export function startLoadGenerator(): { run: Load; stop(): void } {
  const child = forkTs('load.ts', ['--serve'], process.env, 'inherit');
  let queue: Promise<unknown> = Promise.resolve();
  const run: Load = (opts) => {
    const result = queue.then(
      () =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const exited = (code: number | null) => reject(new Error(`the load generator exited (${code})`));
          child.once('exit', exited);
          child.once('message', (m) => {
            child.off('exit', exited);
            resolve(m as autocannon.Result);
          });
          child.send(opts);
        }),
    );
    queue = result.catch(() => undefined);
    return result;
  };
  return { run, stop: () => child.disconnect() };
}
