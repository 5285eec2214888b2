import { createReadStream, rmSync, type ReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { AppError } from '../../core/errors.js';
import { settled } from '../../core/settled.js';
import { problems, typed } from '../../core/http/types.js';
import { newId } from '../../core/ids.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import type { PrivacyEngine } from '../../core/privacy/engine.js';
import type { AccountsService } from '../accounts/index.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopScope, ShopsService } from '../shops/index.js';
import type { SubjectArchive } from './export-archive.js';
import type { PrivacyTables } from './privacy.tables.js';
import { buildShopperArchive, shopController } from './shopper-archive.js';
import type { ProcessorsService } from './processors.service.js';

const sendZip = (reply: FastifyReply, stream: ReadStream | Buffer, name: string) =>
  reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(stream);

const ShopperParams = z.object({ shopId: z.string().max(64), shopperId: z.string().max(64) });

/** Whether a shopper is this shop's (their email, or null): the orders module answers (it keeps them). */
export interface ShopperDirectory {
  emailOf(scope: { shopId: string }, shopperId: string): Promise<string | null>;
}

/**
 * The merchant's answers to its shoppers' rights, as their controller, with SellRocket as processor
 * (C9): an export of everything the shop holds on one shopper (ZIP: manifest, JSON, CSV and a report
 * naming the shop as controller), and their erasure within this shop only — the same email in
 * another shop is another shopper, untouched — with invoiced orders' fiscal fields under legal hold
 * and the residue check of every erasure. Both are audited on the merchant's chain.
 */
export function registerShopperRightsRoutes(
  app: FastifyInstance,
  deps: {
    /** For the unit of work an erasure and its audit entry share. */
    db: Kysely<PrivacyTables>;
    engine: PrivacyEngine;
    dataMap: DataMap;
    processors: ProcessorsService;
    shops: ShopsService;
    accounts: AccountsService;
    shopperReads: ShopperDirectory;
    guards: AuthGuards;
    audit: AuditLog;
    exportDir: string;
  },
) {
  const r = typed(app);
  const preHandler = deps.guards.customer('shopper-privacy');
  const tags = ['shoppers'];

  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);
  async function mustBeShopper(scope: ShopScope, shopperId: string) {
    if ((await deps.shopperReads.emailOf(scope, shopperId)) === null)
      throw new AppError('not_found', 'No such shopper in this shop.');
  }

  r.get(
    '/api/v1/shops/:shopId/shoppers/:shopperId/export',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Everything the shop holds on one shopper, as a ZIP (manifest, JSON, CSV, report) (audited)',
        params: ShopperParams,
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const { shopperId } = request.params;
      const scope = await scopeOf(request, request.params.shopId);
      // What the archive needs is read side by side with the check that the shopper is this shop's.
      const processors = deps.processors.list();
      const [controller] = await settled([shopController(deps, scope), processors, mustBeShopper(scope, shopperId)]);
      const file = path.join(deps.exportDir, `${newId('shx')}.zip`);
      let archive: SubjectArchive;
      try {
        // The merchant's read is on the audit chain before the archive leaves; an archive that fails
        // to build leaves an entry for a read that was at least begun, never a read without one.
        [archive] = await settled([
          mkdir(deps.exportDir, { recursive: true, mode: 0o700 }).then(() =>
            buildShopperArchive(deps, request.ctx, controller, shopperId, file, processors),
          ),
          deps.audit.record(request.ctx, {
            action: 'shopper.export',
            target: { kind: 'shopper', id: shopperId },
            chain: `account:${scope.accountId}`,
          }),
        ]);
      } catch (e) {
        rmSync(file, { force: true });
        throw e;
      }
      const name = `shopper-${shopperId}.zip`;
      if ('bytes' in archive) return sendZip(reply, archive.bytes, name);
      const stream = createReadStream(file);
      // The archive is handed over once and not kept: it is a copy of the shopper's data.
      stream.on('close', () => rmSync(file, { force: true }));
      return sendZip(reply, stream, name);
    },
  );

  r.post(
    '/api/v1/shops/:shopId/shoppers/:shopperId/erase',
    {
      preHandler,
      schema: {
        tags,
        summary:
          'Erase a shopper within this shop: contact and delivery details go, invoiced orders keep their fiscal fields (audited)',
        params: ShopperParams,
        response: {
          200: z.object({ journalId: z.string(), summary: z.record(z.string(), z.number()) }),
          ...problems(401, 404),
        },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      // One unit of work: the erasure, and the merchant's entry of it on their audit chain.
      const result = await deps.db.transaction().execute(async () => {
        const erased = await deps.engine.eraseSubject(request.ctx, {
          kind: 'shopper',
          id: request.params.shopperId,
          shopId: scope.shopId,
        });
        // The erasure deletes the shopper's own row in this shop: none deleted, no such shopper here,
        // and nothing of the erasure (its journal entry, its audit entry) is kept.
        if (erased.summary['shopper:deleted'] !== 1) throw new AppError('not_found', 'No such shopper in this shop.');
        await deps.audit.record(request.ctx, {
          action: 'shopper.erase',
          target: { kind: 'erasure', id: erased.journalId },
          chain: `account:${scope.accountId}`,
        });
        return erased;
      });
      return { journalId: result.journalId, summary: result.summary as Record<string, number> };
    },
  );
}
