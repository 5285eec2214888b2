import { describe, expect, it } from 'vitest';
import { eicar } from '../../../test/clamd.js';
import { builtInScanner, scannerChain, type VirusScanner } from './scanner.js';

describe('the built-in upload check (S2)', () => {
  it('refuses the EICAR test file, alone or inside other bytes, and passes ordinary bytes', async () => {
    expect(await builtInScanner.scan(eicar)).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
    expect((await builtInScanner.scan(Buffer.concat([Buffer.from('GIF89a...'), eicar]))).clean).toBe(false);
    expect(await builtInScanner.scan(Buffer.from('an ordinary photo'))).toEqual({ clean: true });
  });

  it('runs first in a chain: the first engine to find something decides, and later ones are not asked', async () => {
    const asked: string[] = [];
    const engine = (name: string, found: boolean): VirusScanner => ({
      name,
      scan: async () => {
        asked.push(name);
        return found ? { clean: false, signature: `${name}-sig` } : { clean: true };
      },
    });
    expect(
      await scannerChain([builtInScanner, engine('a', false), engine('b', true), engine('c', true)]).scan(
        Buffer.from('x'),
      ),
    ).toEqual({
      clean: false,
      signature: 'b-sig',
    });
    expect(asked).toEqual(['a', 'b']);
  });
});
