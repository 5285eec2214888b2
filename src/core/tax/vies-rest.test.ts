import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { viesRestClient } from './vies-rest.js';

type Request = { method: string | undefined; url: string | undefined; contentType: string | undefined; body: string };

/**
 * A local stand-in for the VIES REST service: it records each request and answers by the number
 * asked about (the part after the country code).
 */
function playVies(): Server & { requests: Request[] } {
  const requests: Request[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body });
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.url !== '/rest-api/check-vat-number') return json(404, { message: 'not found' });
      const { countryCode, vatNumber } = JSON.parse(body) as { countryCode: string; vatNumber: string };
      const echo = { countryCode, vatNumber, requestDate: '2026-01-05T10:00:00.000Z', name: '---', address: '---' };
      switch (vatNumber) {
        case '123456789':
          return json(200, { ...echo, valid: true, name: 'BEISPIEL GMBH' });
        case '000000000':
          return json(200, { ...echo, valid: false });
        case '111111111':
          return json(200, { actionSucceed: false, errorWrappers: [{ error: 'MS_UNAVAILABLE' }] });
        case '222222222':
          return json(200, { actionSucceed: false, errorWrappers: [{ error: 'MS_MAX_CONCURRENT_REQ' }] });
        case '333333333':
          return json(400, { actionSucceed: false, errorWrappers: [{ error: 'INVALID_INPUT' }] });
        case '500500500':
          res.writeHead(500, { 'content-type': 'text/html' });
          return res.end('<h1>Internal Server Error</h1>');
        case '444444444':
          return; // never answers
        default:
          return json(200, { ...echo, valid: true });
      }
    });
  });
  return Object.assign(server, { requests });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

describe('viesRestClient (T5, against a local VIES)', () => {
  const server = playVies();
  let baseUrl = '';

  beforeAll(async () => {
    baseUrl = `${await listen(server)}/rest-api`;
  });
  afterAll(() => close(server));
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('answers valid when VIES says valid:true, POSTing JSON to /check-vat-number', async () => {
    expect(await viesRestClient({ baseUrl }).check('DE123456789')).toBe('valid');
    expect(server.requests).toEqual([
      {
        method: 'POST',
        url: '/rest-api/check-vat-number',
        contentType: 'application/json',
        body: JSON.stringify({ countryCode: 'DE', vatNumber: '123456789' }),
      },
    ]);
  });

  it('tolerates a trailing slash on the base URL', async () => {
    expect(await viesRestClient({ baseUrl: `${baseUrl}/` }).check('DE123456789')).toBe('valid');
    expect(server.requests.map((r) => r.url)).toEqual(['/rest-api/check-vat-number']);
  });

  it('answers invalid when VIES says valid:false', async () => {
    expect(await viesRestClient({ baseUrl }).check('FR000000000')).toBe('invalid');
  });

  it('answers invalid on INVALID_INPUT', async () => {
    expect(await viesRestClient({ baseUrl }).check('IT333333333')).toBe('invalid');
  });

  it.each([
    ['MS_UNAVAILABLE', 'PT111111111'],
    ['MS_MAX_CONCURRENT_REQ', 'PT222222222'],
    ['HTTP 500', 'ES500500500'],
  ])('answers unavailable, not invalid, on %s', async (_why, vat) => {
    expect(await viesRestClient({ baseUrl }).check(vat)).toBe('unavailable');
    expect(server.requests).toHaveLength(1);
  });

  it('answers unavailable when VIES never answers within timeoutMs', async () => {
    const started = Date.now();
    expect(await viesRestClient({ baseUrl, timeoutMs: 200 }).check('NL444444444')).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.requests).toHaveLength(1);
  });

  it('answers unavailable when the connection is refused', async () => {
    const closed = createServer();
    const url = await listen(closed);
    await close(closed);
    expect(await viesRestClient({ baseUrl: `${url}/rest-api` }).check('DE123456789')).toBe('unavailable');
  });

  it('answers unavailable when the reply is not VIES JSON', async () => {
    // The 404 from a wrong base URL: no verdict on the number.
    expect(await viesRestClient({ baseUrl: `${baseUrl}/wrong` }).check('DE123456789')).toBe('unavailable');
  });

  it('splits the prefix from the number, keeping EL for Greece', async () => {
    const vies = viesRestClient({ baseUrl });
    await vies.check('EL094259216');
    await vies.check('ATU13585627');
    await vies.check('NL004495445B01');
    expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { countryCode: 'EL', vatNumber: '094259216' },
      { countryCode: 'AT', vatNumber: 'U13585627' },
      { countryCode: 'NL', vatNumber: '004495445B01' },
    ]);
  });

  it.each(['', 'de123456789', 'DE', 'DE1', 'D1234567', '12345678', 'DE 123456789', 'DE12345678901234', 'DE123-456'])(
    'answers invalid for the malformed %j without asking VIES',
    async (vat) => {
      expect(await viesRestClient({ baseUrl }).check(vat)).toBe('invalid');
      expect(server.requests).toEqual([]);
    },
  );

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      calls.push(String(input));
      return new Response(JSON.stringify({ valid: true }), { headers: { 'content-type': 'application/json' } });
    };
    expect(await viesRestClient({ baseUrl: 'https://vies.invalid/rest-api', fetch: fakeFetch }).check('SE556')).toBe(
      'valid',
    );
    expect(calls).toEqual(['https://vies.invalid/rest-api/check-vat-number']);
  });
});
