import type { DataMap } from '../../core/privacy/data-map.js';
import { addressLine, type ShopScope, type ShopsService } from '../shops/index.js';
import type { PrivacyNoticeObject } from '../storefront/index.js';
import { buildPolicy } from './policy.js';
import type { ProcessorsService } from './processors.service.js';

/**
 * A shop's own privacy notice for its shoppers, made from the data map's shopper section (the same
 * declarations the platform's policy, exports and erasures read), naming the shop as controller with
 * the details the merchant gave, and SellRocket as the processor that hosts the shop.
 */
export function createShopNotice(deps: {
  dataMap: DataMap;
  processors: ProcessorsService;
  shops: Pick<ShopsService, 'getShop'>;
  processorName: string;
}) {
  return async (scope: ShopScope, language: 'en' | 'pt-PT'): Promise<PrivacyNoticeObject> => {
    const shop = await deps.shops.getShop(scope);
    const d = shop.details;
    const address = addressLine(d.address);
    const name = d.legalName ?? shop.name;
    const policy = buildPolicy(
      deps.dataMap,
      await deps.processors.list(),
      { name, address: address ?? '', email: d.email ?? '', dpoEmail: d.email ?? '' },
      language,
    );
    const shoppers = policy.collected.find((c) => c.subject === 'shopper');
    return {
      controller: { name, address, email: d.email, tax_id: d.taxId },
      processor: deps.processorName,
      version: policy.version,
      sections: (shoppers?.categories ?? []).flatMap((c) =>
        c.uses.map((u) => ({ title: u.where, data: u.kinds, purposes: u.purposes, basis: u.basis, retention: u.kept })),
      ),
      rights_url: '/account/privacy',
    };
  };
}
