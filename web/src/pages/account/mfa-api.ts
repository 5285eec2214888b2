import { call, client } from '../../api';

/** Two-factor calls for one kind of person: the customer's and the staff member's have their own routes. */
export interface MfaApi {
  key: readonly string[];
  status(): Promise<{ totpEnabled: boolean; recoveryCodesLeft: number }>;
  start(): Promise<{ secret: string; otpauthUri: string; qrSvg: string }>;
  confirm(code: string, currentPassword: string): Promise<{ recoveryCodes: string[] }>;
  disable(code: string): Promise<void>;
}

export const accountMfa: MfaApi = {
  key: ['mfa', 'account'],
  status: () => call(client.GET('/api/v1/account/mfa')),
  start: () => call(client.POST('/api/v1/account/mfa/totp')),
  confirm: (code, currentPassword) =>
    call(client.POST('/api/v1/account/mfa/totp/confirm', { body: { code, currentPassword } })),
  disable: async (code) => {
    await call(client.POST('/api/v1/account/mfa/totp/disable', { body: { code } }));
  },
};

export const staffMfa: MfaApi = {
  key: ['mfa', 'staff'],
  status: () => call(client.GET('/api/v1/staff/mfa')),
  start: () => call(client.POST('/api/v1/staff/mfa/totp')),
  confirm: (code, currentPassword) =>
    call(client.POST('/api/v1/staff/mfa/totp/confirm', { body: { code, currentPassword } })),
  disable: async (code) => {
    await call(client.POST('/api/v1/staff/mfa/totp/disable', { body: { code } }));
  },
};
