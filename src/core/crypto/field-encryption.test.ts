import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, parseKeyring } from './field-encryption.js';

const key = () => randomBytes(32).toString('base64');

describe('field encryption (AES-256-GCM, rotatable keys)', () => {
  it('seals and opens, with a fresh IV each time, and never shows the plaintext', () => {
    const cipher = createFieldCipher(parseKeyring(`k1:${key()}`));
    const a = cipher.seal('4111 1111 1111 1111', 'card.number:1');
    const b = cipher.seal('4111 1111 1111 1111', 'card.number:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('4111');
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(cipher.open(a, 'card.number:1')).toBe('4111 1111 1111 1111');
  });

  it('refuses a tampered value or one moved to another row', () => {
    const cipher = createFieldCipher(parseKeyring(`k1:${key()}`));
    const sealed = cipher.seal('secret', 'row:1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'row:1')).toThrow();
    expect(() => cipher.open(sealed, 'row:2')).toThrow();
  });

  it('rotates: old values stay readable, reseal moves them to the current key', () => {
    const k1 = key();
    const old = createFieldCipher(parseKeyring(`k1:${k1}`));
    const sealed = old.seal('hello');
    const rotated = createFieldCipher(parseKeyring(`k1:${k1},k2:${key()}`, 'k2'));
    expect(rotated.open(sealed)).toBe('hello');
    const resealed = rotated.reseal(sealed);
    expect(rotated.keyIdOf(resealed)).toBe('k2');
    expect(rotated.open(resealed)).toBe('hello');
    expect(rotated.reseal(resealed)).toBe(resealed);
    const withoutOld = createFieldCipher(parseKeyring(`k2:${key()}`));
    expect(() => withoutOld.open(sealed)).toThrow(/not configured/);
  });

  it('refuses malformed key configuration', () => {
    expect(() => parseKeyring('k1:short')).toThrow(/32 bytes/);
    expect(() => parseKeyring('nocolon')).toThrow();
    expect(() => parseKeyring(`k1:${key()}`, 'k9')).toThrow(/names no configured key/);
  });
});
