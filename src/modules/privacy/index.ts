import path from 'node:path';
import type { ShopsService } from '../shops/index.js';
import { defineModule } from '../../core/module.js';
import { negotiateLanguage } from '../../core/published-texts.js';
import type { AccountsService } from '../accounts/index.js';
import type { AuthGuards } from '../auth/index.js';
import type { ConsentService } from '../consent/index.js';
import type { MarketingService } from '../marketing/index.js';
import { createErasureUseCase, type ErasureStep } from './erasure.use-case.js';
import { buildPolicy } from './policy.js';
import { privacyTables } from './privacy.privacy.js';
import { registerPrivacyRoutes } from './privacy.routes.js';
import type { PrivacyTables } from './privacy.tables.js';
import { createProcessorsService } from './processors.service.js';
import { registerPrivacyRequestRoutes } from './requests.routes.js';
import { createPrivacyRequestsService, type PrivacyRequestsService } from './requests.service.js';
import type { ProcessorsService } from './processors.service.js';

export type { ErasureStep, ErasureUseCase } from './erasure.use-case.js';
export type { PrivacyRequestsService } from './requests.service.js';
export type { ProcessorsService } from './processors.service.js';
export { buildPolicy } from './policy.js';
export { writeSubjectArchive } from './export-archive.js';

import { registerShopperRightsRoutes, type ShopperDirectory } from './shopper-rights.routes.js';
import { createShopRequests, type QueueShoppers, type ShopRequests } from './shop-requests.service.js';
import { registerShopRequestRoutes } from './shop-requests.routes.js';
import { forwardToShops, type ShoppersAcrossShops } from './forwarding.js';
import { createShopNotice } from './shop-notice.js';
import type { ShopPrivacyDesk } from '../shopper-accounts/index.js';
import type { StorefrontPages } from '../storefront/index.js';

export type { ShopRequests } from './shop-requests.service.js';

/** Data-subject rights: requests and their answers, the erasure use case, the processors register, the policy. */
export function privacyModule(opts: { erasureFaults?: ((step: ErasureStep) => void) | undefined } = {}) {
  return defineModule<PrivacyTables>()({
    name: 'privacy',
    uses: ['accounts', 'consent', 'marketing', 'shops', 'shopperReads'],
    routeUses: ['guards', 'shopperReads', 'shops', 'accounts', 'storefrontPages'],
    dataMap: privacyTables,
    create: (
      kit,
      needs: {
        accounts: AccountsService;
        consent: ConsentService;
        marketing: MarketingService;
        shops: ShopsService;
        shopperReads: QueueShoppers & ShoppersAcrossShops;
      },
    ) => {
      const processors = createProcessorsService({ db: kit.db, audit: kit.audit });
      const erasure = createErasureUseCase({
        db: kit.db,
        engine: kit.privacy,
        audit: kit.audit,
        jobs: kit.jobs,
        removeShopsOf: (ctx, accountId) => needs.shops.removeShopsOf(ctx, accountId),
        faults: opts.erasureFaults,
      });
      const { config } = kit;
      const shopRequests = createShopRequests({
        db: kit.db,
        audit: kit.audit,
        jobs: kit.jobs,
        mailer: kit.mailer,
        cipher: kit.cipher,
        exportDir: path.join(config.dataDir, 'exports'),
        shoppers: needs.shopperReads,
        onError: kit.onError,
        engine: kit.privacy,
        dataMap: kit.dataMap,
        processors,
        shops: needs.shops,
        accounts: needs.accounts,
      });
      const privacyRequests = createPrivacyRequestsService({
        db: kit.db,
        clock: kit.clock,
        audit: kit.audit,
        jobs: kit.jobs,
        engine: kit.privacy,
        erasure,
        consent: needs.consent,
        exportDir: path.join(config.dataDir, 'exports'),
        accounts: needs.accounts,
        policy: async () => buildPolicy(kit.dataMap, await processors.list(), config.controller),
        mailer: kit.mailer,
        privacyTeam: config.mail.privacyTeam,
        hashKey: kit.hashKey,
        marketing: needs.marketing,
        publicOrigin: config.publicUrl ? new URL(config.publicUrl).origin : `http://localhost:${config.port}`,
        forwardToShops: (ctx, email, type) =>
          forwardToShops({ shops: needs.shops, shoppers: needs.shopperReads, shopRequests }, ctx, email, type),
      });
      // The shopper's account pages reach the queue through this narrow view of it.
      const shopPrivacyDesk: ShopPrivacyDesk = shopRequests;
      return { processors, erasure, privacyRequests, shopRequests, shopPrivacyDesk };
    },
    jobs: (s) => ({ ...s.privacyRequests.jobHandlers, ...s.erasure.jobHandlers, ...s.shopRequests.jobHandlers }),
    routes: (
      app,
      s: {
        processors: ProcessorsService;
        privacyRequests: PrivacyRequestsService;
        guards: AuthGuards;
        shopperReads: ShopperDirectory;
        shops: ShopsService;
        accounts: AccountsService;
        shopRequests: ShopRequests;
        storefrontPages: StorefrontPages;
      },
      kit,
    ) => {
      registerShopRequestRoutes(app, {
        shopRequests: s.shopRequests,
        shops: s.shops,
        guards: s.guards,
        audit: kit.audit,
        pages: s.storefrontPages,
        shopNotice: createShopNotice({
          dataMap: kit.dataMap,
          processors: s.processors,
          shops: s.shops,
          processorName: kit.config.controller.name,
        }),
      });
      registerShopperRightsRoutes(app, {
        ...s,
        db: kit.db,
        engine: kit.privacy,
        dataMap: kit.dataMap,
        audit: kit.audit,
        exportDir: path.join(kit.config.dataDir, 'exports'),
      });
      registerPrivacyRoutes(app, {
        dataMap: kit.dataMap,
        controller: kit.config.controller,
        guards: s.guards,
        processors: s.processors,
        negotiateLanguage,
      });
      registerPrivacyRequestRoutes(app, {
        requests: s.privacyRequests,
        guards: s.guards,
        publicUrl: kit.config.publicUrl,
      });
    },
  });
}
