import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clamdOnlyMarker, eicar, hasClamd, startClamd } from '../../../test/clamd.js';
import { clamdScanner, ScannerUnavailableError } from './scanner.js';

// CI installs clamav-daemon (.ci/run), and there a missing clamd fails these; elsewhere they are skipped.
describe.skipIf(!hasClamd && process.env.CI !== 'true')('the clamd adapter against a real ClamAV daemon (S2)', () => {
  let clamd: Awaited<ReturnType<typeof startClamd>>;
  beforeAll(async () => {
    clamd = await startClamd();
  }, 60_000);
  afterAll(async () => {
    await clamd?.stop();
  });

  it('finds the EICAR file and the test database’s own signature, and passes a clean file', async () => {
    const scanner = clamdScanner(clamd.url);
    expect(await scanner.scan(eicar)).toEqual({ clean: false, signature: 'Eicar-Test-Signature.UNOFFICIAL' });
    const hidden = Buffer.concat([Buffer.alloc(200_000, 7), clamdOnlyMarker, Buffer.alloc(100_000, 1)]);
    expect(await scanner.scan(hidden)).toEqual({ clean: false, signature: 'SellRocket.Test.Marker.UNOFFICIAL' });
    expect(await scanner.scan(Buffer.alloc(300_000, 42))).toEqual({ clean: true });
  });

  it('fails closed when the daemon cannot be reached', async () => {
    await expect(clamdScanner('tcp://127.0.0.1:1').scan(Buffer.from('x'))).rejects.toBeInstanceOf(
      ScannerUnavailableError,
    );
  });
});
