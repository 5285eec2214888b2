import type { ServicesOf, TablesOf } from './core/module.js';
import { coreTables } from './core/privacy/core.privacy.js';
import { buildDataMap, type TableDeclarations } from './core/privacy/data-map.js';
import { accountsModule } from './modules/accounts/index.js';
import { authModule } from './modules/auth/index.js';
import { billingModule } from './modules/billing/index.js';
import { catalogueModule } from './modules/catalogue/index.js';
import { consentModule } from './modules/consent/index.js';
import { mailModule } from './modules/mail/index.js';
import { marketingModule } from './modules/marketing/index.js';
import { mediaModule } from './modules/media/index.js';
import { mfaModule } from './modules/mfa/index.js';
import { ordersModule } from './modules/orders/index.js';
import { privacyModule, type ErasureStep } from './modules/privacy/index.js';
import { securityModule } from './modules/security/index.js';
import { staffModule } from './modules/staff/index.js';
import { storefrontModule } from './modules/storefront/index.js';
import { shopsModule } from './modules/shops/index.js';
import { shopperAccountsModule } from './modules/shopper-accounts/index.js';
import { termsModule } from './modules/terms/index.js';

export interface ModuleOptions {
  /** Tests stop an erasure at a step, as a crash would. */
  erasureFaults?: ((step: ErasureStep) => void) | undefined;
}

/**
 * Every module of the platform, in the order they are built: a module comes after those whose
 * services it uses. Adding a module is its folder and one line here.
 */
export function platformModules(opts: ModuleOptions = {}) {
  return [
    termsModule,
    consentModule,
    securityModule,
    accountsModule,
    staffModule,
    marketingModule,
    mfaModule,
    authModule,
    shopsModule,
    // Before the shop's modules: they read the plan's limits.
    billingModule(),
    catalogueModule,
    mediaModule,
    ordersModule,
    storefrontModule,
    shopperAccountsModule,
    privacyModule(opts),
    mailModule,
  ] as const;
}

export type PlatformModules = ReturnType<typeof platformModules>;
export type ModuleServices = ServicesOf<PlatformModules>;
export type ModuleTables = TablesOf<PlatformModules>;

/**
 * The platform's data map: the machinery's tables and every module's declarations. `extra` lets a
 * test declare a fixture table of its own.
 */
export function platformDataMap(extra: TableDeclarations[] = []) {
  return buildDataMap([coreTables, ...platformModules().map((m) => m.dataMap), ...extra]);
}
