import { writeFile } from 'node:fs/promises';
import type { RequestContext } from '../../core/context.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import type { PrivacyEngine } from '../../core/privacy/engine.js';
import type { AccountsService } from '../accounts/index.js';
import type { ShopScope, ShopsService } from '../shops/index.js';
import { buildSubjectArchive } from './export-archive.js';
import { buildPolicy, type Processor } from './policy.js';
import type { ProcessorsService } from './processors.service.js';

export interface ShopperArchiveDeps {
  engine: PrivacyEngine;
  dataMap: DataMap;
  processors: ProcessorsService;
  shops: ShopsService;
  accounts: AccountsService;
}

export type ShopController = Awaited<ReturnType<typeof shopController>>;

/** The shop as its shoppers' controller: its name, and its merchant's address and email. */
export async function shopController(deps: Pick<ShopperArchiveDeps, 'shops' | 'accounts'>, scope: ShopScope) {
  const shop = await deps.shops.getShop(scope);
  const merchant = await deps.accounts.getAccount(scope.accountId);
  const address = [
    merchant.company,
    merchant.address.line1,
    merchant.address.postalCode,
    merchant.address.city,
    merchant.address.country,
  ]
    .filter(Boolean)
    .join(', ');
  return { shop, name: shop.name, address, email: merchant.email };
}

/**
 * Everything a shop holds on one of its shoppers as the access archive (manifest, JSON, CSV,
 * readable report), with the report naming the shop as controller and SellRocket as its processor:
 * in memory when small, else in `file` (see buildSubjectArchive). The processors are read while
 * the caller reads the controller, when it passes them as a promise.
 */
export async function buildShopperArchive(
  deps: Pick<ShopperArchiveDeps, 'engine' | 'dataMap' | 'processors'>,
  ctx: RequestContext,
  controller: ShopController,
  shopperId: string,
  file: string,
  processors: Promise<Processor[]> = deps.processors.list(),
) {
  const policy = buildPolicy(deps.dataMap, await processors, {
    name: controller.name,
    address: controller.address,
    email: controller.email,
    dpoEmail: controller.email,
  });
  return buildSubjectArchive(
    deps.engine,
    { kind: 'shopper', id: shopperId, shopId: controller.shop.id },
    policy,
    file,
    ctx.now,
    {
      shopName: controller.name,
      contact: controller.email,
    },
  );
}

/** The shopper's archive, always in `file`: the answer to an access request, downloaded later. */
export async function writeShopperArchive(
  deps: Pick<ShopperArchiveDeps, 'engine' | 'dataMap' | 'processors'>,
  ctx: RequestContext,
  controller: ShopController,
  shopperId: string,
  file: string,
) {
  const archive = await buildShopperArchive(deps, ctx, controller, shopperId, file);
  if ('bytes' in archive) await writeFile(file, archive.bytes, { mode: 0o600 });
}
