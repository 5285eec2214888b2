import type { Kysely } from 'kysely';
import type { PrivacyTables } from './privacy.tables.js';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { actorRef, type RequestContext } from '../../core/context.js';
import { AppError, validationError, type FieldError } from '../../core/errors.js';
import { isCountryCode } from '../accounts/index.js';
import { eeaCountries, type Processor } from './policy.js';

export interface ProcessorInput {
  name: string;
  service: string;
  dataShared: string;
  countries: string[];
  transferSafeguard: string | null;
}

/** The processors register: data, edited by privacy staff, read by the policy and the Art. 30 record. */
export function createProcessorsService(deps: { db: Kysely<PrivacyTables>; audit: AuditLog }) {
  async function list(): Promise<Processor[]> {
    const rows = await deps.db.selectFrom('processor').selectAll().orderBy('promise').execute();
    return rows.map((r) => ({
      id: r.id,
      promise: r.promise,
      name: r.name,
      service: r.service,
      dataShared: r.data_shared,
      countries: r.countries,
      transferSafeguard: r.transfer_safeguard,
    }));
  }

  /** A country outside the EEA needs a recorded safeguard (GDPR chapter V). */
  async function update(ctx: RequestContext, id: string, input: ProcessorInput): Promise<Processor> {
    const errors: FieldError[] = [];
    const countries = [...new Set(input.countries.map((c) => c.trim().toUpperCase()))];
    if (countries.length === 0 || countries.some((c) => !isCountryCode(c)))
      errors.push({ field: 'countries', message: 'Use ISO 3166-1 alpha-2 country codes, at least one.' });
    const outside = countries.filter((c) => !eeaCountries.has(c));
    if (outside.length > 0 && !input.transferSafeguard?.trim()) {
      errors.push({
        field: 'transferSafeguard',
        message: `Data stored in ${outside.join(', ')} leaves the EEA: record the safeguard (adequacy decision, standard contractual clauses…).`,
      });
    }
    if (errors.length > 0) throw validationError(errors);
    return deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('processor')
        .set({
          name: input.name,
          service: input.service,
          data_shared: input.dataShared,
          countries,
          transfer_safeguard: input.transferSafeguard?.trim() || null,
          updated_at: ctx.now,
          updated_by: actorRef(ctx.actor).id,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No processor with this id.');
      await deps.audit.record(ctx, { action: 'privacy.processor.update', target: { kind: 'processor', id } });
      return {
        id: row.id,
        promise: row.promise,
        name: row.name,
        service: row.service,
        dataShared: row.data_shared,
        countries: row.countries,
        transferSafeguard: row.transfer_safeguard,
      };
    });
  }

  return { list, update };
}
export type ProcessorsService = ReturnType<typeof createProcessorsService>;
