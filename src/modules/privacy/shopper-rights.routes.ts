import { createReadStream, mkdirSync, rmSync, type ReadStream } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AuditLog } from '../../core/audit/audit-log.js';
import { AppError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { newId } from '../../core/ids.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import type { PrivacyEngine } from '../../core/privacy/engine.js';
import type { AccountsService } from '../accounts/index.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import { shopController, writeShopperArchive } from './shopper-archive.js';
import type { ProcessorsService } from './processors.service.js';

const sendZip = (reply: FastifyReply, stream: ReadStream, name: string) =>
  reply
    .type('application/zip')
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(stream);

const ShopperParams = z.object({ shopId: z.string().max(64), shopperId: z.string().max(64) });

/** Whether a shopper is this shop's: the orders module answers (it keeps them). */
export interface ShopperDirectory {
  detail(scope: { shopId: string }, shopperId: string): Promise<{ id: string; email: string } | null>;
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
  const preHandler = deps.guards.requireCustomer;
  const tags = ['shoppers'];

  async function shopperOf(request: Parameters<typeof customerOf>[0], shopId: string, shopperId: string) {
    const scope = await deps.shops.shopScopeFor(customerOf(request).accountId, shopId);
    const shopper = await deps.shopperReads.detail(scope, shopperId);
    if (!shopper) throw new AppError('not_found', 'No such shopper in this shop.');
    return { scope, shopper };
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
      const { scope, shopper } = await shopperOf(request, request.params.shopId, request.params.shopperId);
      mkdirSync(deps.exportDir, { recursive: true, mode: 0o700 });
      const file = path.join(deps.exportDir, `${newId('shx')}.zip`);
      try {
        await writeShopperArchive(deps, request.ctx, await shopController(deps, scope), shopper.id, file);
        await deps.audit.record(request.ctx, {
          action: 'shopper.export',
          target: { kind: 'shopper', id: shopper.id },
          chain: `account:${scope.accountId}`,
        });
      } catch (e) {
        rmSync(file, { force: true });
        throw e;
      }
      const stream = createReadStream(file);
      // The archive is handed over once and not kept: it is a copy of the shopper's data.
      stream.on('close', () => rmSync(file, { force: true }));
      return sendZip(reply, stream, `shopper-${shopper.id}.zip`);
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
      const { scope, shopper } = await shopperOf(request, request.params.shopId, request.params.shopperId);
      const result = await deps.engine.eraseSubject(request.ctx, {
        kind: 'shopper',
        id: shopper.id,
        shopId: scope.shopId,
      });
      await deps.audit.record(request.ctx, {
        action: 'shopper.erase',
        target: { kind: 'erasure', id: result.journalId },
        chain: `account:${scope.accountId}`,
      });
      return { journalId: result.journalId, summary: result.summary as Record<string, number> };
    },
  );
}
