import { describe, expect, it } from 'vitest';
import { checkPassword } from './password-policy.js';

describe('password policy (NIST 800-63B)', () => {
  it.each([
    ['eleven char', /at least 12/],
    ['x'.repeat(129), /at most 128/],
    ['qwerty123456', /common or breached/],
    ['QWERTY123456', /common or breached/],
    ['1q2w3e4r5t6y', /common or breached/],
  ])('refuses %s', (password, message) => {
    expect(checkPassword(password)).toMatch(message);
  });

  it.each(['twelve chars', 'correct horse battery staple', 'x'.repeat(128), 'ünïcödé pässwörd'])('accepts %s with no composition rules', (password) => {
    expect(checkPassword(password)).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(checkPassword('😀'.repeat(12))).toBeNull();
    expect(checkPassword('😀'.repeat(11))).toMatch(/at least 12/);
  });
});
