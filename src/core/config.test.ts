import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration } from './config.js';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      rateLimit: { max: 300, windowMs: 60_000 },
      login: { maxFailures: 5 },
      trustProxy: [],
      databaseUrl: undefined,
    });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });
  it('reads durations', () => {
    expect(parseDuration('1 minute')).toBe(60_000);
    expect(parseDuration('30 seconds')).toBe(30_000);
    expect(parseDuration('10s')).toBe(10_000);
    expect(parseDuration('2 hours')).toBe(7_200_000);
    expect(parseDuration('1500')).toBe(1500);
    expect(() => parseDuration('soon')).toThrow();
  });
  it('names every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://x', RATE_LIMIT_MAX: '0' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'x', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });
  it('splits TRUST_PROXY into addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.1', '10.0.0.0/8']);
  });
});
