import type { RequestContext } from '../../core/context.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import type { PrivacyEngine } from '../../core/privacy/engine.js';
import type { AccountsService } from '../accounts/index.js';
import type { ShopScope, ShopsService } from '../shops/index.js';
import { writeSubjectArchive } from './export-archive.js';
import { buildPolicy } from './policy.js';
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
 * Everything a shop holds on one of its shoppers, written to `file` as the access archive (manifest,
 * JSON, CSV, readable report), with the report naming the shop as controller and SellRocket as its
 * processor. Used by the merchant's export and by the answer to a shopper's access request.
 */
export async function writeShopperArchive(
  deps: Pick<ShopperArchiveDeps, 'engine' | 'dataMap' | 'processors'>,
  ctx: RequestContext,
  controller: ShopController,
  shopperId: string,
  file: string,
) {
  const policy = buildPolicy(deps.dataMap, await deps.processors.list(), {
    name: controller.name,
    address: controller.address,
    email: controller.email,
    dpoEmail: controller.email,
  });
  await writeSubjectArchive(
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
