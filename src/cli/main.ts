import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Command } from 'commander';
import { systemClock } from '../core/clock.js';
import { ConfigError, loadConfig, type Config } from '../core/config.js';
import { acquireDataDirLock, DataDirBusyError, readLock } from '../core/db/data-dir-lock.js';
import { holdsEmbeddedDatabase, NoDatabaseError, restrictNewFiles } from '../core/db/data-dir.js';
import packageJson from '../../package.json' with { type: 'json' };
import { openPlatform } from '../open-platform.js';
import { AppError } from '../core/errors.js';
import { startServer } from '../server.js';
import { operatorCommands, type CommandResult, type OperatorCommandName } from './operator-commands.js';

/**
 * Runs an operator command where the data lives: through the running server when it holds the
 * embedded database (never a second process on the same files), otherwise in this process.
 */
async function runOperator(
  config: Config,
  command: OperatorCommandName,
  args: Record<string, unknown>,
): Promise<CommandResult> {
  if (!config.databaseUrl) {
    const server = readLock(config.dataDir);
    if (server) {
      const response = await fetch(`http://127.0.0.1:${server.port}/internal/admin/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-token': server.adminToken },
        body: JSON.stringify({ command, args }),
      });
      const body = (await response.json()) as CommandResult & {
        detail?: string;
        errors?: { field: string; message: string }[];
      };
      if (!response.ok) {
        return {
          lines: [
            body.detail ?? `Server answered ${response.status}`,
            ...(body.errors ?? []).map((e) => `  ${e.field}: ${e.message}`),
          ],
          exitCode: 1,
        };
      }
      return body;
    }
  }
  // Only these two may bring a database into being; any other command on an empty DATA_DIR is a mistake.
  if (!config.databaseUrl && command !== 'migrate' && !holdsEmbeddedDatabase(config.dataDir))
    throw new NoDatabaseError(`in ${config.dataDir}`);
  const release = config.databaseUrl
    ? () => undefined
    : acquireDataDirLock(config.dataDir, {
        pid: process.pid,
        port: 0,
        adminToken: randomBytes(16).toString('hex'),
        startedAt: new Date().toISOString(),
      });
  try {
    // `migrate` reports what it applies, so it must find the database as it is.
    const platform = await openPlatform(
      config,
      systemClock,
      (msg) => console.error(msg),
      () => undefined,
      { migrate: command !== 'migrate', requireExisting: command !== 'migrate' },
    );
    try {
      return await operatorCommands[command](platform, args);
    } catch (e) {
      if (e instanceof AppError)
        return { lines: [e.message, ...(e.errors ?? []).map((f) => `  ${f.field}: ${f.message}`)], exitCode: 1 };
      throw e;
    } finally {
      await platform.database.close();
    }
  } finally {
    release();
  }
}

function operatorAction(command: OperatorCommandName, toArgs: (...a: any[]) => Record<string, unknown> = () => ({})) {
  return async (...a: unknown[]) => {
    const result = await runOperator(loadConfig(), command, toArgs(...a));
    for (const line of result.lines) console.log(line);
    process.exitCode = result.exitCode;
  };
}

export function buildCli(): Command {
  const program = new Command('sellrocket')
    .description(
      'SellRocket: the shop platform and its operator tasks. Configuration comes from environment variables (see README).',
    )
    .version(packageJson.version, '-V, --version', 'print the version')
    .showHelpAfterError();

  program
    .command('start')
    .description('migrate the database, seed a demo when empty, and serve HTTP')
    .action(async () => {
      const stop = await startServer(loadConfig());
      const shutdown = async () => {
        await stop();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  program.command('migrate').description('apply pending database migrations').action(operatorAction('migrate'));

  const staff = program.command('staff').description('platform staff accounts');
  staff
    .command('create')
    .description('create a staff member; prints a generated password once unless --password is given')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--role <role...>', 'one or more of: admin, support, billing, privacy')
    .option('--password <password>', 'initial password (otherwise generated)')
    .option('--require-2fa', 'the staff console stays closed until they turn on two-factor sign-in')
    .action(
      operatorAction(
        'staff-create',
        (o: { email: string; name: string; role: string[]; password?: string; require2fa?: boolean }) => ({
          email: o.email,
          name: o.name,
          roles: o.role,
          password: o.password,
          require2fa: o.require2fa === true,
        }),
      ),
    );

  const audit = program.command('audit').description('the audit log (S6)');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; exits 1 when it is broken')
    .action(operatorAction('audit-verify'));

  const billing = program.command('billing').description('proforma invoices and invoices (#11)');
  billing
    .command('run')
    .description("issue each subscription's next proforma invoice once, and end cancellations whose period is over")
    .action(operatorAction('billing-run'));

  const security = program.command('security').description('firewall blocks (S1)');
  security
    .command('blocks')
    .description('list active blocks')
    .option('--all', 'include expired and lifted blocks')
    .action(operatorAction('security-blocks', (o: { all?: boolean }) => ({ all: o.all === true })));
  security
    .command('lift')
    .description('lift a block by id')
    .argument('<id>', 'block id (blk_…)')
    .action(operatorAction('security-lift', (id: string) => ({ id })));

  const privacy = program.command('privacy').description('data-subject rights (D1, D4, D5)');
  privacy
    .command('export')
    .description("write a merchant account's data archive (manifest, JSON, CSV, report)")
    .requiredOption('--account <id>', 'account id (acc_…)')
    .option('--out <file>', 'zip file to write')
    .action(
      operatorAction('privacy-export', (o: { account: string; out?: string }) => ({
        account: o.account,
        out: o.out ? path.resolve(o.out) : undefined,
      })),
    );
  privacy
    .command('erase')
    .description('erase a merchant account and verify that nothing remains (cannot be undone)')
    .requiredOption('--account <id>', 'account id (acc_…)')
    .requiredOption('--yes', 'confirm the erasure')
    .action(operatorAction('privacy-erase', (o: { account: string }) => ({ account: o.account })));

  privacy
    .command('journal')
    .description('write the erasure journal (no personal data) to keep apart from backups')
    .option('--out <file>', 'JSON file to write', 'erasure-journal.json')
    .action(operatorAction('privacy-journal', (o: { out: string }) => ({ out: path.resolve(o.out) })));
  privacy
    .command('replay')
    .description('after restoring a backup: erase again every subject the journal says was erased')
    .requiredOption('--journal <file>', 'a journal written by `privacy journal`')
    .action(operatorAction('privacy-replay', (o: { journal: string }) => ({ journal: path.resolve(o.journal) })));

  privacy
    .command('run-due')
    .description('run every due background job now (exports, erasures, expiries)')
    .action(operatorAction('privacy-run-due'));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  restrictNewFiles();
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirBusyError || e instanceof NoDatabaseError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
