import type { RequestContext } from '../src/core/context.js';
import type { Platform } from '../src/platform.js';

/** One audited change, written the way services write them. */
export async function auditedChange(p: Platform, ctx: RequestContext, accountId: string) {
  await p.db.transaction().execute(async (tx) => {
    await tx.updateTable('account').set({ updated_at: new Date() }).where('id', '=', accountId).execute();
    await p.audit.record(ctx, {
      action: 'account.bench',
      target: { kind: 'account', id: accountId },
      data: { fields: ['updated_at'] },
    });
  });
}
