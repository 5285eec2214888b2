import { sql, type Kysely, type Transaction } from 'kysely';
import type { AuditLog } from '../../core/audit/audit-log.js';
import type { RequestContext } from '../../core/context.js';
import type { ChangeFeed } from '../../core/db/change-feed.js';
import { withShop } from '../../core/db/shop-isolation.js';
import { AppError, validationError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { SHOP_CHANGED, type MerchantScope, type ShopScope } from '../shops/index.js';
import type { PageCache } from './page-cache.js';
import {
  createThemeRenderer,
  defaultThemeDir,
  overlayFileSystem,
  themeFileProblems,
  type TemplateObjects,
  type ThemeRenderer,
  type ThemeTemplate,
} from './theme/index.js';

export interface ShopThemeTables {
  shop_theme_version: {
    shop_id: string;
    id: string;
    number: number;
    files: Record<string, string>;
    note: string;
    created_at: Date;
  };
  shop_theme_state: {
    shop_id: string;
    active_number: number | null;
    fallback_number: number | null;
    last_error: string | null;
    last_error_number: number | null;
    last_error_at: Date | null;
  };
}

/** What a page needs of its shop's theme, read with the page's data (one statement, kept with the shop's pages). */
export interface ShopTheme {
  shopId: string;
  active: { number: number; files: Record<string, string> } | null;
  fallback: { number: number; files: Record<string, string> } | null;
}

const filesOf = (v: unknown) =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, string>) : (v as Record<string, string>);

/**
 * Each shop's theme: the default one, or a numbered version of the files the merchant changed.
 * A version is checked before it is saved (paths, size, Liquid syntax: a file that does not parse is
 * refused and nothing changes). A template that fails only while rendering (a snippet that does not
 * exist, a filter given nonsense) does not take the shop down: the page is rendered with the version
 * that was live before (the last good one; the default theme if none), and the error is kept for the
 * merchant to see. Rendered-theme objects are kept per shop and version (parsed once).
 */
export function createShopThemes(deps: {
  db: Kysely<ShopThemeTables>;
  audit: AuditLog;
  changes: ChangeFeed;
  cache: PageCache;
  defaultTheme: ThemeRenderer;
  onError: (err: unknown) => void;
}) {
  const { db } = deps;
  const renderers = new Map<string, ThemeRenderer>();
  const rendererOf = (shopId: string, version: { number: number; files: Record<string, string> } | null) => {
    if (!version) return deps.defaultTheme;
    const key = `${shopId}:${version.number}`;
    let r = renderers.get(key);
    if (!r) {
      r = createThemeRenderer({ fs: overlayFileSystem(defaultThemeDir, version.files) });
      if (renderers.size >= 200) renderers.delete(renderers.keys().next().value as string);
      renderers.set(key, r);
    }
    return r;
  };

  async function versionRow(shopId: string, number: number | null) {
    if (number === null) return null;
    const row = await db
      .selectFrom('shop_theme_version')
      .select(['number', 'files'])
      .where('shop_id', '=', shopId)
      .where('number', '=', number)
      .executeTakeFirst();
    return row ? { number: row.number, files: filesOf(row.files) } : null;
  }

  /** The shop's live theme and its fallback; call inside the page's unit of work. */
  async function themeOf(scope: ShopScope): Promise<ShopTheme> {
    return deps.cache.remember(scope.shopId, 'theme', () =>
      withShop(db, scope.shopId, async () => {
        const state = await db
          .selectFrom('shop_theme_state')
          .select(['active_number', 'fallback_number'])
          .where('shop_id', '=', scope.shopId)
          .executeTakeFirst();
        if (!state || state.active_number === null) return { shopId: scope.shopId, active: null, fallback: null };
        return {
          shopId: scope.shopId,
          active: await versionRow(scope.shopId, state.active_number),
          fallback: await versionRow(scope.shopId, state.fallback_number),
        };
      }),
    );
  }

  async function recordFailure(shopId: string, number: number, err: unknown) {
    const message = String((err as Error)?.message ?? err)
      .split('\n')[0]!
      .slice(0, 1000);
    await withShop(db, shopId, (tx) =>
      tx
        .updateTable('shop_theme_state')
        .set({ last_error: message, last_error_number: number, last_error_at: new Date() })
        .where('shop_id', '=', shopId)
        .where((eb) =>
          eb.or([eb('last_error', 'is', null), eb('last_error', '<>', message), eb('last_error_number', '<>', number)]),
        )
        .execute(),
    );
  }

  /** A page in the shop's theme; a runtime failure of the live version falls back (see above). */
  async function render<T extends ThemeTemplate>(
    theme: ShopTheme | null,
    template: T,
    data: TemplateObjects[T],
    opts: { language: string | null | undefined },
  ): Promise<string> {
    if (!theme?.active) return deps.defaultTheme.render(template, data, opts);
    try {
      return await rendererOf(theme.shopId, theme.active).render(template, data, opts);
    } catch (err) {
      recordFailure(theme.shopId, theme.active.number, err).catch(deps.onError);
      try {
        return await rendererOf(theme.shopId, theme.fallback).render(template, data, opts);
      } catch {
        return deps.defaultTheme.render(template, data, opts);
      }
    }
  }

  // ---- the merchant's side ----

  async function overview(scope: MerchantScope) {
    return withShop(db, scope.shopId, async (tx) => {
      const state = await tx
        .selectFrom('shop_theme_state')
        .selectAll()
        .where('shop_id', '=', scope.shopId)
        .executeTakeFirst();
      const versions = await tx
        .selectFrom('shop_theme_version')
        .select([
          'id',
          'number',
          'note',
          'created_at',
          sql<string[]>`array(select jsonb_object_keys(files) order by 1)`.as('paths'),
        ])
        .where('shop_id', '=', scope.shopId)
        .orderBy('number', 'desc')
        .execute();
      return {
        active: state?.active_number ?? null,
        fallback: state?.fallback_number ?? null,
        lastError:
          state?.last_error && state.last_error_number !== null
            ? {
                version: state.last_error_number,
                message: state.last_error,
                at: new Date(state.last_error_at!).toISOString(),
              }
            : null,
        versions: versions.map((v) => ({
          id: v.id,
          number: v.number,
          note: v.note,
          createdAt: new Date(v.created_at).toISOString(),
          files: v.paths,
        })),
      };
    });
  }

  /** The live version's own files (what "edit code" opens; the rest is the default theme's). */
  async function activeFiles(scope: MerchantScope): Promise<Record<string, string>> {
    return withShop(db, scope.shopId, async () => {
      const state = await db
        .selectFrom('shop_theme_state')
        .select('active_number')
        .where('shop_id', '=', scope.shopId)
        .executeTakeFirst();
      return (await versionRow(scope.shopId, state?.active_number ?? null))?.files ?? {};
    });
  }

  /** Makes version `number` live (null: the default theme); the one live until now becomes the fallback. */
  async function makeLive(
    tx: Transaction<ShopThemeTables>,
    ctx: RequestContext,
    scope: MerchantScope,
    number: number | null,
  ) {
    const state = await tx
      .selectFrom('shop_theme_state')
      .select('active_number')
      .where('shop_id', '=', scope.shopId)
      .forUpdate()
      .executeTakeFirst();
    const live = {
      active_number: number,
      fallback_number: state?.active_number ?? null,
      last_error: null,
      last_error_number: null,
      last_error_at: null,
    };
    await tx
      .insertInto('shop_theme_state')
      .values({ shop_id: scope.shopId, ...live })
      .onConflict((oc) => oc.column('shop_id').doUpdateSet(live))
      .execute();
    await deps.changes.announce(tx, SHOP_CHANGED, scope.shopId);
    await deps.audit.record(ctx, {
      action: 'theme.activate',
      target: { kind: 'shop', id: scope.shopId },
      chain: `account:${scope.accountId}`,
      data: { version: [String(number ?? 0)] },
    });
  }

  /** Makes a saved version live again by its id (rollback); null: the default theme. */
  async function activate(ctx: RequestContext, scope: MerchantScope, versionId: string | null) {
    await withShop(db, scope.shopId, async (tx) => {
      const found = versionId
        ? await tx
            .selectFrom('shop_theme_version')
            .select('number')
            .where('shop_id', '=', scope.shopId)
            .where('id', '=', versionId)
            .executeTakeFirst()
        : null;
      if (versionId && !found) throw new AppError('not_found', 'There is no such theme version.');
      await makeLive(tx, ctx, scope, found?.number ?? null);
    });
  }

  /**
   * Saves the files given over the live version's (a new numbered version holding both) and makes it
   * live, once every file given parses; `null` for a path puts the default theme's file back.
   */
  async function saveVersion(
    ctx: RequestContext,
    scope: MerchantScope,
    input: { files: Record<string, string | null>; note?: string | undefined },
  ) {
    const count = Object.keys(input.files).length;
    if (count === 0 || count > 50) throw validationError([{ field: 'files', message: 'Give 1 to 50 files.' }]);
    const given = Object.fromEntries(Object.entries(input.files).filter(([, v]) => v !== null)) as Record<
      string,
      string
    >;
    const problems = themeFileProblems(given);
    if (problems.length > 0) throw validationError(problems, 'Nothing was saved: the theme files named do not parse.');
    return withShop(db, scope.shopId, async (tx) => {
      // One save at a time per shop: each takes the next number.
      await sql`select pg_advisory_xact_lock(hashtext(${`theme:${scope.shopId}`}))`.execute(tx);
      const files = { ...(await activeFiles(scope)) };
      for (const [p, source] of Object.entries(input.files)) {
        if (source === null) delete files[p];
        else files[p] = source;
      }
      const last = await tx
        .selectFrom('shop_theme_version')
        .select((eb) => eb.fn.max('number').as('n'))
        .where('shop_id', '=', scope.shopId)
        .executeTakeFirst();
      const number = Number(last?.n ?? 0) + 1;
      const id = newId('thv');
      await tx
        .insertInto('shop_theme_version')
        .values({
          shop_id: scope.shopId,
          id,
          number,
          files: JSON.stringify(files) as never,
          note: input.note ?? '',
          created_at: ctx.now,
        })
        .execute();
      await makeLive(tx, ctx, scope, number);
      return { id, number };
    });
  }

  return { themeOf, render, overview, activeFiles, activate, saveVersion };
}
export type ShopThemes = ReturnType<typeof createShopThemes>;
