import { describe, expect, it } from 'vitest';
import { shopSlugOf } from './tenant-host.js';

describe('which shop a host is for', () => {
  it.each([
    ['demo.localhost', 'localhost', 'demo'],
    ['Loja-Maria.Shops.Example.com', 'shops.example.com', 'loja-maria'],
    ['demo.localhost.', 'localhost', 'demo'],
  ])('%s on %s is shop %s', (host, domain, slug) => expect(shopSlugOf(host, domain)).toBe(slug));
  it.each([
    ['localhost', 'localhost'],
    ['www.localhost', 'localhost'],
    ['a.b.localhost', 'localhost'],
    ['127.0.0.1', 'localhost'],
    ['demo.elsewhere.com', 'shops.example.com'],
    ['evillocalhost', 'localhost'],
  ])('%s on %s is the platform', (host, domain) => expect(shopSlugOf(host, domain)).toBeNull());
});
