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
  it('names the operator as the controller, and refuses production without a real one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /CONTROLLER_NAME and CONTROLLER_ADDRESS must be set in production/,
    );
    const named = {
      NODE_ENV: 'production',
      CONTROLLER_NAME: 'Lojas Exemplo, S.A.',
      CONTROLLER_ADDRESS: 'Av. da Liberdade 1, 1250-096 Lisboa',
      PRIVACY_TEAM_EMAIL: 'privacidade@lojas.pt',
    };
    expect(() => loadConfig(named)).toThrow(/CONTROLLER_NIF must be set in production/);
    expect(() => loadConfig({ ...named, CONTROLLER_NIF: '5019' })).toThrow(/CONTROLLER_NIF/);
    const c = loadConfig({ ...named, CONTROLLER_NIF: '501964843' });
    expect(c.controller).toEqual({
      name: 'Lojas Exemplo, S.A.',
      address: 'Av. da Liberdade 1, 1250-096 Lisboa',
      email: 'privacidade@lojas.pt',
      dpoEmail: 'privacidade@lojas.pt',
      nif: '501964843',
    });
    expect(loadConfig({}).controller.name).toMatch(/example/);
  });
  it('reads the dunning schedule, and refuses one whose suspension comes before its last overdue notice', () => {
    expect(loadConfig({}).billing.dunning).toEqual({
      reminderDaysBefore: 3,
      overdueDaysAfter: [1, 7, 14],
      suspendDaysAfter: 15,
      cancelNoticeDays: 30,
    });
    expect(loadConfig({ DUNNING_OVERDUE_DAYS: '2,5', DUNNING_SUSPEND_DAYS: '6' }).billing.dunning).toMatchObject({
      overdueDaysAfter: [2, 5],
      suspendDaysAfter: 6,
    });
    expect(() => loadConfig({ DUNNING_OVERDUE_DAYS: '7,1' })).toThrow(/DUNNING_OVERDUE_DAYS/);
    expect(() => loadConfig({ DUNNING_OVERDUE_DAYS: '1,2,3,4' })).toThrow(/DUNNING_OVERDUE_DAYS/);
    expect(() => loadConfig({ DUNNING_SUSPEND_DAYS: '14' })).toThrow(/DUNNING_SUSPEND_DAYS must be after/);
  });
  it('takes payments through the simulator unless told otherwise, and refuses a gateway it does not have', () => {
    expect(loadConfig({}).paymentGateway).toBe('simulator');
    expect(() => loadConfig({ PAYMENT_GATEWAY: 'stripe' })).toThrow(/PAYMENT_GATEWAY/);
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
