import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { censor, loggerOptions } from './logging.js';
import { cardDetails } from './payments/cards.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const options = loggerOptions('info', stream) as pino.LoggerOptions;
  return { log: pino(options, stream), text: () => lines.join('') };
}

describe('log censoring', () => {
  it('censors personal keys at the top level, nested, and in errors', () => {
    const { log, text } = capture();
    const child = log.child({ requestId: 'trace-1' });
    child.info(
      { email: 'top@example.pt', order: { address: 'Rua das Flores 10', lines: [{ phone: '912345678' }] } },
      'placed',
    );
    const err = Object.assign(new Error('duplicate key'), { nif: '501964843' });
    log.error({ err }, 'failed');
    for (const value of ['top@example.pt', 'Rua das Flores', '912345678', '501964843'])
      expect(text(), value).not.toContain(value);
    expect(text()).toContain('trace-1');
    expect(text()).toContain('duplicate key');
  });

  it('leaves objects with nothing to censor untouched, and never changes what it was given', () => {
    const flat = { method: 'GET', route: '/api/v1/terms', status: 200, ms: 1.2 };
    expect(censor(flat)).toBe(flat);
    const given = { user: { email: 'a@example.pt', id: 'acc_1' } };
    expect(censor(given)).toEqual({ user: { email: '[redacted]', id: 'acc_1' } });
    expect(given.user.email).toBe('a@example.pt');
  });

  it('writes nothing deeper than it reads, and censors an error under any key (#8 review)', () => {
    const { log, text } = capture();
    log.info({ a: { b: { c: { d: { e: { f: { note: 'Maria Silva, 912345678' } } } } } } }, 'deep');
    log.error({ cause: Object.assign(new Error('lookup failed'), { nif: '501964843' }) }, 'failed');
    expect(text()).not.toContain('912345678');
    expect(text()).not.toContain('501964843');
    expect(text()).toContain('lookup failed');
  });

  it('censors card numbers and security codes under every key they travel by, and a card object by itself', () => {
    const { log, text } = capture();
    log.warn(
      { body: { payment: { method: 'card', number: '4000 0566 5566 5556', expMonth: 12, cvc: '737' } } },
      'checkout refused',
    );
    log.info({ cardNumber: '5555555555554444', card_number: '378282246310005', pan: '6011111111111117', cvv: '9182' });
    log.info({ card: cardDetails({ number: '4242 4242 4242 4242', expMonth: 3, expYear: 2031, cvc: '4081' }) }, 'sent');
    const digitsOnly = text().replace(/[\s-]/g, '');
    for (const secret of [
      '4000056655665556',
      '5555555555554444',
      '378282246310005',
      '6011111111111117',
      '4242424242424242',
    ])
      expect(digitsOnly, secret).not.toContain(secret);
    for (const code of ['737', '9182', '4081']) expect(text(), code).not.toMatch(new RegExp(`\\b${code}\\b`));
    expect(text()).toContain('"last4":"4242"');
  });

  it('stops at cycles', () => {
    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(() => censor(cyclic)).not.toThrow();
  });
});

describe('the default log destination', () => {
  // It is buffered: what was logged must still reach stdout when the process exits or crashes.
  it.each([
    ['exits', 'process.exit(0)'],
    ['crashes', 'throw new Error("crash")'],
  ])('flushes when the process %s', async (_how, ending) => {
    const script = `import pino from 'pino'; import { loggerOptions } from './src/core/logging.ts';
      const options = loggerOptions('info'); const log = pino(options, options.stream);
      for (let i = 0; i < 3; i++) log.info({ line: i }, 'written before the end');
      ${ending};`;
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const { stdout } = await run.catch((e: { stdout: string }) => e);
    expect(stdout.match(/written before the end/g)).toHaveLength(3);
  });
});
