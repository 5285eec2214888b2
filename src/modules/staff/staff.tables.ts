import type { SessionTable } from '../../core/sessions.js';
import type { Generated } from 'kysely';

import type { StaffRole } from '../../core/context.js';

export type { StaffRole } from '../../core/context.js';
export const staffRoles: readonly StaffRole[] = ['admin', 'support', 'billing', 'privacy'];

export interface StaffUserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: StaffRole[];
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
  mfa_required: Generated<boolean>;
}

export interface StaffTables {
  staff_user: StaffUserTable;
  staff_session: SessionTable & { staff_id: string };
}
