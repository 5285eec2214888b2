import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFileKey, removePrefix, shopFilesPrefix, type FileStore } from './file-store.js';
import { localFileStore } from './local-store.js';
import { parseS3Url, s3FileStore } from './s3-store.js';

const dirs: string[] = [];
const scratch = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'files-'));
  dirs.push(d);
  return d;
};

// A real S3-compatible server on loopback (s3rver, from npm), with its default credentials.
let s3: S3rver;
let s3Url = '';
beforeAll(async () => {
  s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: scratch(),
    configureBuckets: [{ name: 'shop-files', configs: [] }],
  });
  const { port } = await s3.run();
  s3Url = `http://S3RVER:S3RVER@127.0.0.1:${port}/shop-files?region=eu-west-1`;
});
afterAll(async () => {
  await s3?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const stores: [string, () => FileStore][] = [
  ['a directory (the default)', () => localFileStore(scratch())],
  ['an S3-compatible bucket (S3_URL)', () => s3FileStore(parseS3Url(s3Url))],
];

describe.each(stores)('file store in %s', (_name, make) => {
  it('round-trips bytes, lists by prefix, removes keys and whole prefixes', async () => {
    const store = make();
    const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
    await store.put('shops/shp_a/images/img_1/320.webp', bytes, 'image/webp');
    await store.put('shops/shp_a/images/img_1/640.webp', Buffer.from('b'), 'image/webp');
    await store.put('shops/shp_b/images/img_2/320.webp', Buffer.from('c'), 'image/webp');
    expect(await store.get('shops/shp_a/images/img_1/320.webp')).toEqual(bytes);
    expect(await store.get('shops/shp_a/images/img_1/999.webp')).toBeNull();
    expect((await store.list('shops/shp_a/')).sort()).toEqual([
      'shops/shp_a/images/img_1/320.webp',
      'shops/shp_a/images/img_1/640.webp',
    ]);
    await store.remove(['shops/shp_a/images/img_1/640.webp', 'shops/shp_a/never-there.webp']);
    expect(await store.list('shops/shp_a/')).toEqual(['shops/shp_a/images/img_1/320.webp']);
    expect(await removePrefix(store, shopFilesPrefix('shp_a'))).toBe(1);
    expect(await store.list('shops/shp_a/')).toEqual([]);
    // Another shop's files are untouched.
    expect(await store.get('shops/shp_b/images/img_2/320.webp')).toEqual(Buffer.from('c'));
  });
});

describe('file keys', () => {
  it('refuse anything that could leave the store’s root', () => {
    for (const bad of ['../x', '/etc/passwd', 'shops/../x', 'shops/.hidden', 'Shops/A', 'a//b', 'a\\b', ''])
      expect(() => checkFileKey(bad), bad).toThrow();
    expect(checkFileKey('shops/shp_1/images/img_2/320.webp')).toBe('shops/shp_1/images/img_2/320.webp');
  });
});
