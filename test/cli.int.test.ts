import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDbKind } from './harness.js';

const bin = path.resolve('bin/sellrocket.js');

// The embedded database's single-process rule and the CLI's way around it; on PostgreSQL there is no such rule.
describe.skipIf(testDbKind !== 'pglite')('npm start and the sellrocket command line', () => {
  // A DATA_DIR that does not exist yet, so the server is the one that creates it.
  const parentDir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-cli-'));
  const dataDir = path.join(parentDir, 'data');
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    NODE_ENV: 'development',
  };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  let server: ReturnType<typeof spawn>;
  let output = '';
  let baseUrl = '';

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });

  beforeAll(async () => {
    server = spawn(process.execPath, [bin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => {
      output += String(d);
    });
    server.stderr!.on('data', (d) => {
      output += String(d);
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const check = setInterval(() => {
        const m = /serving on (http:\/\/localhost:\d+)/.exec(output);
        if (m) {
          clearInterval(check);
          clearTimeout(timer);
          resolve(m[1]!);
        }
      }, 100);
      server.on('exit', () => {
        clearInterval(check);
        clearTimeout(timer);
        reject(new Error(`server exited:\n${output}`));
      });
    });
  }, 90_000);

  afterAll(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(parentDir, { recursive: true, force: true });
  });

  it('seeds a demo merchant and staff admin once, printing their passwords, and serves signup and login', async () => {
    const merchant = /merchant\s+(\S+)\s+password: (\S+)/.exec(output);
    const staff = /staff\s+(\S+)\s+password: (\S+)/.exec(output);
    expect(merchant).not.toBeNull();
    expect(staff).not.toBeNull();
    expect(output).toMatch(/DEVELOPMENT KEYS/);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: merchant![1], password: merchant![2] }),
    });
    expect(login.status).toBe(200);
    const staffLogin = await fetch(`${baseUrl}/api/v1/staff/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: staff![1], password: staff![2] }),
    });
    expect(staffLogin.status).toBe(200);
  });

  it('keeps DATA_DIR private: every directory 0700 and every file 0600 or stricter, the embedded database included', () => {
    const loose: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (statSync(file).mode & 0o077)
          loose.push(`${(statSync(file).mode & 0o777).toString(8)} ${path.relative(dataDir, file)}`);
        if (entry.isDirectory()) walk(file);
      }
    };
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    walk(dataDir);
    expect(existsSync(path.join(dataDir, 'pgdata'))).toBe(true);
    expect(loose).toEqual([]);
  });

  it('refuses a second server on the same data directory with a clear message', () => {
    const second = run('start');
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already uses this data directory/);
  });

  it('runs operator commands through the running server', () => {
    const created = run(
      'staff',
      'create',
      '--email',
      'ops@sellrocket.test',
      '--name',
      'Ops Person',
      '--role',
      'support',
      'privacy',
    );
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/Created staff stf_\w+ <ops@sellrocket.test> with roles support, privacy/);
    expect(created.stdout).toMatch(/Password \(shown once\): \S{20,}/);
    const dup = run('staff', 'create', '--email', 'ops@sellrocket.test', '--name', 'Ops Person', '--role', 'support');
    expect(dup.status).toBe(1);
    const bad = run('staff', 'create', '--email', 'x@sellrocket.test', '--name', 'X', '--role', 'wizard');
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/roles/);
    const verify = run('audit', 'verify');
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Audit chain intact: \d+ entries verified/);
    expect(run('migrate').stdout).toMatch(/up to date/);
  }, 120_000); // six command-line processes, each starting Node and TypeScript: slow on a loaded machine, and not a speed test

  it('erases an account, writes the journal apart, and replays it (nothing left to erase again)', async () => {
    const signup = await fetch(`${baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        firstName: 'Cli',
        lastName: 'Erased',
        email: 'cli.erased@example.pt',
        password: 'correct horse battery staple',
        phone: '912 345 678',
        acceptTerms: true,
        address: { line1: 'Rua 1', postalCode: '1000-001', city: 'Lisboa', country: 'PT' },
      }),
    });
    const { id } = (await signup.json()) as { id: string };
    const erased = run('privacy', 'erase', '--account', id, '--yes');
    expect(erased.status, erased.stderr).toBe(0);
    expect(erased.stdout).toMatch(/Verified: nothing remains/);
    const journalFile = path.join(dataDir, 'journal-copy.json');
    const journal = run('privacy', 'journal', '--out', journalFile);
    expect(journal.status, journal.stderr).toBe(0);
    expect(readFileSync(journalFile, 'utf8')).not.toContain(id);
    const replay = run('privacy', 'replay', '--journal', journalFile);
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/0 erased again, 0 journal entries restored/);
  }, 120_000);

  it("refuses the admin endpoint without the server's token", async () => {
    // A connection of its own: the tests before block this process in spawnSync for longer than the
    // server keeps an idle connection, and fetch would reuse the one the server has since closed.
    const res = await new Promise<{ status: number; type: string }>((resolve, reject) => {
      const req = http.request(
        `${baseUrl}/internal/admin/run`,
        { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-admin-token': 'guess' } },
        (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']) }));
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ command: 'audit-verify' }));
    });
    expect(res.status).toBe(403);
    expect(res.type).toMatch(/problem\+json/);
  });

  it('has --help on every command', async () => {
    const top = run('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/Usage: sellrocket/);
    const { buildCli } = await import('../src/cli/main.js');
    const walk = (cmd: import('commander').Command): import('commander').Command[] => [
      cmd,
      ...cmd.commands.flatMap(walk),
    ];
    const all = walk(buildCli());
    expect(all.map((c) => c.name())).toEqual(
      expect.arrayContaining(['start', 'migrate', 'create', 'verify', 'blocks', 'lift']),
    );
    for (const cmd of all) {
      expect(cmd.description(), cmd.name()).not.toBe('');
      expect(cmd.helpInformation(), cmd.name()).toMatch(/Usage: /);
      expect(cmd.helpInformation(), cmd.name()).toMatch(/-h, --help/);
    }
  });

  it('opens the database itself once the server has stopped', async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    const verify = run('audit', 'verify');
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Audit chain intact/);
  });
});

describe.skipIf(testDbKind !== 'pglite')('operator commands on a data directory without a database', () => {
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-empty-'));
  const env = { ...process.env, DATA_DIR: emptyDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  it('refuse to create one, exiting non-zero with a clear message', () => {
    for (const args of [
      ['audit', 'verify'],
      ['security', 'blocks'],
    ]) {
      const res = run(...args);
      expect(res.status, args.join(' ')).toBe(1);
      expect(res.stderr, args.join(' ')).toMatch(/no database/i);
      expect(res.stdout, args.join(' ')).not.toMatch(/intact/);
    }
    expect(readdirSync(emptyDir)).toEqual([]);
  }, 60_000);

  it('prints the version', () => {
    const res = run('--version');
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe.skipIf(testDbKind !== 'postgres')(
  'operator commands on a PostgreSQL database the platform never set up',
  () => {
    const name = `sellrocket_empty_${process.pid}`;
    // Read in the hooks: this block is collected on the embedded database's run too, where it is skipped.
    const base = () => process.env.TEST_DATABASE_URL!;
    const urlOf = () => {
      const url = new URL(base());
      url.pathname = `/${name}`;
      return url.toString();
    };
    const admin = () => new pg.Client({ connectionString: base() });
    beforeAll(async () => {
      const a = admin();
      await a.connect();
      await a.query(`create database ${name}`);
      await a.end();
    });
    afterAll(async () => {
      const a = admin();
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    });

    it('refuse to set it up, exiting non-zero with a clear message', async () => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sellrocket-pg-empty-'));
      try {
        const env = {
          ...process.env,
          DATABASE_URL: urlOf(),
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          NODE_ENV: 'development',
        };
        const res = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8', timeout: 60_000 });
        expect(res.status, res.stderr).toBe(1);
        expect(res.stderr).toMatch(/no database of SellRocket at DATABASE_URL/);
        const c = new pg.Client({ connectionString: urlOf() });
        await c.connect();
        const tables = await c.query(
          `select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
        );
        await c.end();
        expect(tables.rows[0].n).toBe(0);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 60_000);
  },
);
