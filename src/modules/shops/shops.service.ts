import { isUniqueViolation } from '../../core/db/errors.js';
import { withShop } from '../../core/db/shop-isolation.js';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import type { JobQueue } from '../../core/jobs/job-queue.js';
import type { RequestContext } from '../../core/context.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { grantScope, grantStorefrontScope, type MerchantScope, type ShopScope } from './shop-scope.js';
import type { ShopInput, ShopPatch } from './shops.schemas.js';
import { shippingZones, type ShippingZone, type ShopLogo, type ShopsTables, type ShopTable } from './shops.tables.js';
import { slugProblem } from './slug.js';
import { deleteShopRows } from './shop-removal.js';
import { removePrefix, shopFilesPrefix, type FileStore } from '../../core/files/file-store.js';

/** What a new shop charges for shipping until the merchant says otherwise (cents, VAT included). */
export const defaultShippingRates: Record<ShippingZone, number> = {
  'pt-mainland': 395,
  'pt-islands': 795,
  eu: 1250,
  world: 2500,
};

type ShopRow = Selectable<ShopTable>;

/** Announced (NOTIFY) when a shop's settings or status change: storefronts drop what they cached of it. */
export const SHOP_CHANGED = 'sellrocket_shop';

/** A shop's address on one line ('Rua das Flores 10, 4050-262 Porto, PT'), or null when none was given. */
export function addressLine(a: {
  line1: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}): string | null {
  return [a.line1, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join(', ') || null;
}

/** The columns a details patch sets: a field left out stays, one given as null or '' is cleared. */
function detailColumns(d: ShopPatch['details']) {
  if (!d) return {};
  const out: Record<string, string | null> = {};
  const put = (column: string, value: string | null | undefined) => {
    if (value !== undefined) out[column] = value;
  };
  put('legal_name', d.legalName);
  put('tax_id', d.taxId);
  put('contact_email', d.email);
  put('contact_phone', d.phone);
  put('address_line1', d.address?.line1);
  put('address_postal_code', d.address?.postalCode);
  put('address_city', d.address?.city);
  put('address_country', d.address?.country);
  return out;
}

/** The logo as an address on the shop's host: the WebP size nearest 320 px wide. */
function logoView(logo: ShopLogo | null) {
  if (!logo) return null;
  const webp = logo.renditions.filter((r) => r.format === 'webp').sort((a, b) => a.width - b.width);
  const pick = webp.filter((r) => r.width <= 320).at(-1) ?? webp[0];
  return pick ? { src: `/images/${logo.id}/${pick.width}.webp`, width: logo.width, height: logo.height } : null;
}

export function toShopView(
  row: ShopRow,
  rates: { zone: ShippingZone; price_cents: number }[],
  domain: { protocol: string; host: string; port: number | null },
) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    currency: row.currency,
    defaultVatRate: row.default_vat_rate,
    branding: { primaryColour: row.primary_colour, accentColour: row.accent_colour },
    shippingRates: shippingZones.map((zone) => ({
      zone,
      priceCents: rates.find((r) => r.zone === zone)?.price_cents ?? 0,
    })),
    url: `${domain.protocol}://${row.slug}.${domain.host}${domain.port ? `:${domain.port}` : ''}/`,
    details: {
      legalName: row.legal_name,
      taxId: row.tax_id,
      email: row.contact_email,
      phone: row.contact_phone,
      address: {
        line1: row.address_line1,
        postalCode: row.address_postal_code,
        city: row.address_city,
        country: row.address_country,
      },
    },
    homeCollections: row.home_collections ?? [],
    logo: logoView(row.logo),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
export type ShopView = ReturnType<typeof toShopView>;

// The reasons billing gives when it takes a shop off the web (see setBillingHold).
const billingHolds = ['non-payment', 'no-plan'];

/**
 * Shops of merchants. Every read or change of one shop goes through a ShopScope that only
 * `shopScopeFor` grants, after checking that the signed-in account owns the shop.
 */
export function createShopsService(deps: {
  db: Kysely<ShopsTables>;
  audit: AuditLog;
  changes: ChangeFeed;
  jobs: Pick<JobQueue, 'discardMatching'>;
  files: FileStore;
  domain: { protocol: string; host: string; port: number | null };
}) {
  /** The rates of a merchant's shops, for their list: account-level work, outside any one shop. */
  const ratesOf = (shopIds: string[]) =>
    shopIds.length === 0
      ? Promise.resolve([])
      : deps.db
          .selectFrom('shop_shipping_rate')
          .select(['shop_id', 'zone', 'price_cents'])
          .where('shop_id', 'in', shopIds)
          .execute();

  const ratesOfShop = (shopId: string) =>
    withShop(deps.db, shopId, (tx) =>
      tx.selectFrom('shop_shipping_rate').select(['zone', 'price_cents']).where('shop_id', '=', shopId).execute(),
    );

  /** The membership guard: the account must own the shop; anyone else is told it does not exist. */
  async function shopScopeFor(accountId: string, shopId: string): Promise<MerchantScope> {
    const row = await deps.db
      .selectFrom('shop')
      .select('id')
      .where('id', '=', shopId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such shop.');
    return grantScope(row.id, accountId);
  }

  /**
   * A shop's scope for the platform's own duty towards it, not a merchant's request: a privacy
   * request made to SellRocket that must reach the shop's queue. Null for a closed shop.
   */
  async function platformScopeFor(shopId: string) {
    const row = await deps.db
      .selectFrom('shop')
      .select(['id', 'account_id', 'name'])
      .where('id', '=', shopId)
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    return row ? { scope: grantStorefrontScope(row.id, row.account_id), name: row.name } : null;
  }

  /**
   * The shop's logo is now this image (or none); returns the one it replaces, whose files the
   * caller removes. Storefronts on every server pick it up (the shop's change is announced).
   */
  async function setLogo(ctx: RequestContext, scope: MerchantScope, logo: ShopLogo | null) {
    return deps.db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('shop')
        .select('logo')
        .where('id', '=', scope.shopId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await tx
        .updateTable('shop')
        .set({ logo: logo ? JSON.stringify(logo) : null, updated_at: ctx.now })
        .where('id', '=', scope.shopId)
        .execute();
      await deps.changes.announce(tx, SHOP_CHANGED, scope.shopId);
      await deps.audit.record(ctx, {
        action: logo ? 'shop.logo_set' : 'shop.logo_removed',
        target: { kind: 'shop', id: scope.shopId },
        chain: `account:${scope.accountId}`,
      });
      return before.logo;
    });
  }

  async function createShop(ctx: RequestContext, accountId: string, input: ShopInput) {
    const problem = slugProblem(input.slug);
    if (problem) throw validationError([{ field: 'slug', message: problem }]);
    const id = newId('shp');
    try {
      await deps.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('shop')
          .values({
            id,
            account_id: accountId,
            slug: input.slug,
            name: input.name,
            ...(input.defaultVatRate !== undefined ? { default_vat_rate: input.defaultVatRate } : {}),
            ...(input.branding?.primaryColour ? { primary_colour: input.branding.primaryColour } : {}),
            ...(input.branding?.accentColour ? { accent_colour: input.branding.accentColour } : {}),
            ...detailColumns(input.details),
            suspended_reason: null,
            created_at: ctx.now,
            updated_at: ctx.now,
          })
          .execute();
        const rates = {
          ...defaultShippingRates,
          ...Object.fromEntries((input.shippingRates ?? []).map((r) => [r.zone, r.priceCents])),
        };
        await withShop(deps.db, id, (shopTx) =>
          shopTx
            .insertInto('shop_shipping_rate')
            .values(shippingZones.map((zone) => ({ shop_id: id, zone, price_cents: rates[zone] })))
            .execute(),
        );
        await deps.audit.record(ctx, {
          action: 'shop.create',
          target: { kind: 'shop', id },
          chain: `account:${accountId}`,
        });
        await deps.changes.announce(tx, SHOP_CHANGED, id);
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw validationError([{ field: 'slug', message: 'This name is taken: choose another.' }]);
      throw e;
    }
    return getShop(grantScope(id, accountId));
  }

  async function listShops(accountId: string) {
    const rows = await deps.db
      .selectFrom('shop')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at')
      .execute();
    const rates = await ratesOf(rows.map((r) => r.id));
    return rows.map((r) =>
      toShopView(
        r,
        rates.filter((x) => x.shop_id === r.id),
        deps.domain,
      ),
    );
  }

  /** Shop names by id, for the staff's views that count per shop (names only). */
  async function namesOf(ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await deps.db.selectFrom('shop').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** One shop's name for a notice; its id when the shop is gone. */
  async function nameOf(id: string) {
    return (await namesOf([id])).get(id) ?? id;
  }

  async function getShop(scope: ShopScope) {
    const row = await deps.db.selectFrom('shop').selectAll().where('id', '=', scope.shopId).executeTakeFirstOrThrow();
    return toShopView(row, await ratesOfShop(scope.shopId), deps.domain);
  }

  async function updateShop(ctx: RequestContext, scope: MerchantScope, patch: ShopPatch) {
    await deps.db.transaction().execute(async (tx) => {
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.defaultVatRate !== undefined ? { default_vat_rate: patch.defaultVatRate } : {}),
        ...(patch.branding?.primaryColour ? { primary_colour: patch.branding.primaryColour } : {}),
        ...(patch.branding?.accentColour ? { accent_colour: patch.branding.accentColour } : {}),
        ...detailColumns(patch.details),
        ...(patch.homeCollections !== undefined
          ? { home_collections: patch.homeCollections.length > 0 ? patch.homeCollections : null }
          : {}),
      };
      const changed = await tx
        .updateTable('shop')
        .set({ ...set, updated_at: ctx.now })
        .where('id', '=', scope.shopId)
        .where('status', '!=', 'closed')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) throw new AppError('conflict', 'This shop is closed.');
      const shippingRates = patch.shippingRates ?? [];
      if (shippingRates.length > 0)
        await withShop(deps.db, scope.shopId, async (shopTx) => {
          for (const r of shippingRates) {
            await shopTx
              .updateTable('shop_shipping_rate')
              .set({ price_cents: r.priceCents })
              .where('shop_id', '=', scope.shopId)
              .where('zone', '=', r.zone)
              .execute();
          }
        });
      await deps.audit.record(ctx, {
        action: 'shop.update',
        target: { kind: 'shop', id: scope.shopId },
        chain: `account:${scope.accountId}`,
        data: { fields: [...Object.keys(set), ...(patch.shippingRates?.length ? ['shippingRates'] : [])] },
      });
      await deps.changes.announce(tx, SHOP_CHANGED, scope.shopId);
    });
    return getShop(scope);
  }

  /**
   * Closing a shop takes it off the web and frees nothing else: its slug stays its own (no one can
   * take over the address its shoppers know) and its records stay for the merchant's obligations.
   */
  async function closeShop(ctx: RequestContext, scope: MerchantScope) {
    await deps.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('shop')
        .set({ status: 'closed', updated_at: ctx.now })
        .where('id', '=', scope.shopId)
        .execute();
      await deps.audit.record(ctx, {
        action: 'shop.close',
        target: { kind: 'shop', id: scope.shopId },
        chain: `account:${scope.accountId}`,
      });
      await deps.changes.announce(tx, SHOP_CHANGED, scope.shopId);
    });
  }

  /** Staff (and later billing) take a shop off the web for a while; audited with the reason. */
  async function setSuspended(ctx: RequestContext, shopId: string, suspended: boolean, reason: string | null) {
    return deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('shop')
        .select(['status', 'account_id'])
        .where('id', '=', shopId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'No such shop.');
      if (row.status === 'closed') throw new AppError('conflict', 'This shop is closed.');
      await tx
        .updateTable('shop')
        .set({
          status: suspended ? 'suspended' : 'active',
          suspended_reason: suspended ? reason : null,
          updated_at: ctx.now,
        })
        .where('id', '=', shopId)
        .execute();
      await deps.audit.record(ctx, {
        action: suspended ? 'shop.suspend' : 'shop.reinstate',
        target: { kind: 'shop', id: shopId },
        chain: `account:${row.account_id}`,
      });
      await deps.changes.announce(tx, SHOP_CHANGED, shopId);
      return { id: shopId, status: suspended ? ('suspended' as const) : ('active' as const) };
    });
  }

  /** The reason billing keeps a shop off the web, or null when it does not. */
  async function billingHoldOf(shopId: string) {
    const row = await deps.db
      .selectFrom('shop')
      .select(['status', 'suspended_reason'])
      .where('id', '=', shopId)
      .executeTakeFirst();
    return row?.status === 'suspended' && billingHolds.includes(row.suspended_reason ?? '')
      ? (row.suspended_reason as 'non-payment' | 'no-plan')
      : null;
  }

  /**
   * Billing takes a shop off the web for non-payment, or after its plan ended, and its payment
   * brings it back. A hold never overrides a suspension staff made for another reason, and lifting
   * it never lifts theirs: only a shop billing suspended is reinstated by billing. Returns whether
   * the shop's status changed.
   */
  async function setBillingHold(ctx: RequestContext, shopId: string, held: 'non-payment' | 'no-plan' | null) {
    return deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('shop')
        .select(['status', 'suspended_reason', 'account_id'])
        .where('id', '=', shopId)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.status === 'closed') return false;
      const billingHold = row.status === 'suspended' && billingHolds.includes(row.suspended_reason ?? '');
      if (held ? row.status === 'suspended' && !billingHold : !billingHold) return false;
      if (held && row.suspended_reason === held) return false;
      await tx
        .updateTable('shop')
        .set({ status: held ? 'suspended' : 'active', suspended_reason: held, updated_at: ctx.now })
        .where('id', '=', shopId)
        .execute();
      await deps.audit.record(ctx, {
        action: held ? 'shop.suspend' : 'shop.reinstate',
        target: { kind: 'shop', id: shopId },
        chain: `account:${row.account_id}`,
        data: { reason: held ?? row.suspended_reason },
      });
      await deps.changes.announce(tx, SHOP_CHANGED, shopId);
      return true;
    });
  }

  /**
   * The shop a storefront host names, whatever its status (the host router decides what to show),
   * with the storefront's scope for it: granted here only, from the shop's own row.
   */
  async function bySlug(slug: string) {
    const row = await deps.db
      .selectFrom('shop')
      .select([
        'id',
        'account_id',
        'slug',
        'name',
        'status',
        'currency',
        'default_vat_rate',
        'primary_colour',
        'accent_colour',
        'logo',
        'home_collections',
        'legal_name',
        'tax_id',
        'contact_email',
        'contact_phone',
        'address_line1',
        'address_postal_code',
        'address_city',
        'address_country',
      ])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? { ...row, scope: grantStorefrontScope(row.id, row.account_id) } : undefined;
  }

  /**
   * Removes a shop and everything in it: the rows of every shop table (catalogue, carts, orders,
   * banner decisions, …), then the shop; every app server drops what it cached of it. One unit of
   * work: a crash leaves the shop whole, and running it again finishes it. The retention rules
   * schedule it (RT5). Its files (shops/<id>/ in the file store) go first, so a crash after them
   * leaves a shop a retry removes; and once more after the commit, for an upload that raced it.
   */
  async function removeShop(ctx: RequestContext, shopId: string) {
    const files = await removePrefix(deps.files, shopFilesPrefix(shopId));
    const removed = await removeShopRows(ctx, shopId);
    const late = await removePrefix(deps.files, shopFilesPrefix(shopId));
    if (removed && files + late > 0) removed.files = files + late;
    return removed;
  }

  async function removeShopRows(ctx: RequestContext, shopId: string) {
    return deps.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('shop')
        .select(['account_id', 'slug'])
        .where('id', '=', shopId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) return null;
      const removed = await deleteShopRows(tx, shopId);
      const jobs = await deps.jobs.discardMatching({ shopId });
      if (jobs > 0) removed.job = jobs;
      await deps.audit.record(ctx, {
        action: 'shop.remove',
        target: { kind: 'shop', id: shopId },
        chain: `account:${row.account_id}`,
        data: { tables: Object.keys(removed) },
      });
      await deps.changes.announce(tx, SHOP_CHANGED, shopId);
      return removed;
    });
  }

  /** Every shop of an account, removed whole (an erased merchant's shops go with it). */
  async function removeShopsOf(ctx: RequestContext, accountId: string) {
    const shops = await deps.db.selectFrom('shop').select('id').where('account_id', '=', accountId).execute();
    for (const shop of shops) await removeShop(ctx, shop.id);
    return shops.length;
  }

  return {
    removeShop,
    removeShopsOf,
    shopScopeFor,
    platformScopeFor,
    setLogo,
    createShop,
    listShops,
    getShop,
    namesOf,
    nameOf,
    updateShop,
    closeShop,
    setSuspended,
    setBillingHold,
    billingHoldOf,
    bySlug,
  };
}
export type ShopsService = ReturnType<typeof createShopsService>;
