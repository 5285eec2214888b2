import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { email as emailSchema } from '../accounts/index.js';
import {
  addressForBody,
  addressFromForm,
  addressObject,
  CheckoutAddress,
  countriesFor,
  fieldOf,
  formAddressField,
  formOf,
  orderObject,
  type AddressInput,
  type Language,
  type OrderReads,
  type ShopperReads,
} from '../orders/index.js';
import type {
  AccountFormError as ThemeFormError,
  AccountRoutesObject,
  CustomerObject,
  StorefrontPages,
} from '../storefront/index.js';
import { shopOf } from '../storefront/index.js';
import { newsletterNotice } from './newsletter-notice.js';
import { AccountFormError, type ShopperAccounts, type SignedInShopper } from './shopper-accounts.service.js';
import type { ShopPrivacyDesk } from './privacy-desk.js';

export const SHOPPER_COOKIE = 'sr_shopper';

const accountRoutes: AccountRoutesObject = {
  login_url: '/account/login',
  register_url: '/account/register',
  logout_url: '/account/logout',
  account_url: '/account',
  reset_url: '/account/reset',
  addresses_url: '/account/addresses',
  newsletter_url: '/account/newsletter',
  privacy_url: '/account/privacy',
};

const titles: Record<Language, Record<'login' | 'register' | 'reset' | 'account' | 'order' | 'privacy', string>> = {
  en: {
    login: 'Sign in',
    register: 'Create an account',
    reset: 'Reset your password',
    account: 'Your account',
    order: 'Order',
    privacy: 'Your data and privacy',
  },
  'pt-PT': {
    login: 'Iniciar sessão',
    register: 'Criar uma conta',
    reset: 'Repor a palavra-passe',
    account: 'A sua conta',
    order: 'Encomenda',
    privacy: 'Os seus dados e privacidade',
  },
};

const allCountries = Object.keys(countries.getAlpha2Codes());
const queryOf = (request: FastifyRequest) => (request.query ?? {}) as Record<string, unknown>;
/** Only a path on this host: `//elsewhere` or an absolute URL would send the shopper off the shop. */
const safeReturn = (raw: unknown) =>
  typeof raw === 'string' && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') && raw.length < 500
    ? raw
    : null;
const name = z.string().trim().min(1).max(100);

const customerObject = (s: SignedInShopper): CustomerObject => ({
  first_name: s.firstName,
  last_name: s.lastName,
  name: `${s.firstName} ${s.lastName}`.trim(),
  email: s.email,
  email_verified: s.emailVerified,
});

const formErrors = (e: AccountFormError): ThemeFormError[] =>
  e.fields.map((f) => ({ field: f.field ?? null, code: f.code as ThemeFormError['code'] }));

/** A notice key named in the address (`?notice=address_saved`): the theme translates it, or shows nothing. */
const noticeOf = (raw: unknown) => (typeof raw === 'string' && /^[a-z_]{1,32}$/.test(raw) ? raw : null);

/** An address form's problems as the theme's errors, one per field (`address.zip`, …). */
function addressErrors(typed: AddressInput) {
  const parsed = CheckoutAddress.safeParse(addressForBody(typed));
  if (parsed.success) return { address: parsed.data, errors: [] as ThemeFormError[] };
  const seen = new Map<string, ThemeFormError>();
  for (const issue of parsed.error.issues) {
    const field = formAddressField(String(issue.path[0]));
    if (!seen.has(field))
      seen.set(field, { field: `address.${field}`, code: typed[field] === '' ? 'required' : 'address_invalid' });
  }
  return { address: null, errors: [...seen.values()] };
}

/**
 * The shopper's account pages on the shop's own host: sign-up, sign-in and out, password reset by
 * emailed link, email confirmation, addresses, order history, the newsletter and privacy requests.
 * Plain forms (no JavaScript needed), checked on the server; the session cookie has no Domain
 * attribute, so it goes to this shop's host only.
 */
export function registerAccountPages(
  app: FastifyInstance,
  deps: {
    accounts: ShopperAccounts;
    pages: StorefrontPages;
    orderReads: OrderReads;
    shopperReads: ShopperReads;
    privacyDesk: ShopPrivacyDesk;
  },
) {
  const options = { ...onShopHosts, schema: { hide: true } } as const;
  const lang = (request: FastifyRequest) => deps.pages.languageOf(request) as Language;
  const see = (reply: FastifyReply, to: string) => reply.code(303).header('location', to).send();
  const mailerOf = (request: FastifyRequest) => {
    const shop = shopOf(request);
    return { id: shop.scope.shopId, name: shop.name, origin: deps.pages.originOf(request) };
  };

  function setSession(request: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }) {
    reply.setCookie(SHOPPER_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      expires: session.expiresAt,
    });
  }

  const signedIn = (request: FastifyRequest) =>
    deps.accounts.signedIn(shopOf(request).scope, request.cookies[SHOPPER_COOKIE], request.ctx.now);

  /** The signed-in shopper, or a redirect to sign in and come back. */
  async function requireShopper(request: FastifyRequest, reply: FastifyReply) {
    const who = await signedIn(request);
    if (!who) {
      await see(reply, `/account/login?return_to=${encodeURIComponent(request.url)}`);
      return null;
    }
    return who;
  }

  const loginPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { email?: string; errors?: ThemeFormError[]; notice?: string | null; returnTo?: string | null },
    status = 200,
  ) =>
    deps.pages.render(request, reply, {
      template: 'login',
      title: titles[lang(request)].login,
      status,
      objects: {
        account_routes: accountRoutes,
        form: {
          action: accountRoutes.login_url,
          email: form.email ?? '',
          errors: form.errors ?? [],
          notice: form.notice ?? null,
          return_to: form.returnTo ?? null,
        },
      },
    });

  // ── Sign in and out ───────────────────────────────────────────────────────────────────────────

  app.get('/account/login', options, async (request, reply) => {
    const q = queryOf(request);
    if (await signedIn(request)) return see(reply, safeReturn(q.return_to) ?? '/account');
    return loginPage(request, reply, { notice: noticeOf(q.notice), returnTo: safeReturn(q.return_to) });
  });

  app.post('/account/login', options, async (request, reply) => {
    const f = formOf(request);
    const returnTo = safeReturn(fieldOf(f, 'return_to'));
    const typedEmail = fieldOf(f, 'email');
    const password = typeof f.password === 'string' ? f.password : '';
    const errors: ThemeFormError[] = [];
    const email = emailSchema.safeParse(typedEmail);
    if (!email.success) errors.push({ field: 'email', code: typedEmail ? 'email_invalid' : 'required' });
    if (!password) errors.push({ field: 'password', code: 'required' });
    if (errors.length) return loginPage(request, reply, { email: typedEmail, errors, returnTo }, 422);
    try {
      const session = await deps.accounts.signIn(request.ctx, shopOf(request).scope, {
        email: email.data!,
        password: password.slice(0, 1024),
      });
      setSession(request, reply, session);
      return see(reply, returnTo ?? '/account');
    } catch (e) {
      if (!(e instanceof AccountFormError)) throw e;
      const status = e.code === 'blocked' ? 429 : 401;
      return loginPage(request, reply, { email: typedEmail, errors: formErrors(e), returnTo }, status);
    }
  });

  app.post('/account/logout', options, async (request, reply) => {
    const who = await signedIn(request);
    if (who) await deps.accounts.signOut(shopOf(request).scope, who.sessionId, request.ctx.now);
    reply.clearCookie(SHOPPER_COOKIE, { path: '/' });
    return see(reply, '/account/login?notice=signed_out');
  });

  // ── Sign up ───────────────────────────────────────────────────────────────────────────────────

  const registerPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { email: string; firstName: string; lastName: string; newsletter: boolean; returnTo: string | null },
    errors: ThemeFormError[],
    status = 200,
  ) => {
    const notice = newsletterNotice(shopOf(request).name, lang(request));
    return deps.pages.render(request, reply, {
      template: 'register',
      title: titles[lang(request)].register,
      status,
      objects: {
        account_routes: accountRoutes,
        newsletter: { text: notice.text, version: notice.version, subscribed: form.newsletter },
        form: {
          action: accountRoutes.register_url,
          email: form.email,
          first_name: form.firstName,
          last_name: form.lastName,
          errors,
          return_to: form.returnTo,
        },
      },
    });
  };

  app.get('/account/register', options, (request, reply) =>
    registerPage(
      request,
      reply,
      { email: '', firstName: '', lastName: '', newsletter: false, returnTo: safeReturn(queryOf(request).return_to) },
      [],
    ),
  );

  app.post('/account/register', options, async (request, reply) => {
    const f = formOf(request);
    const typed = {
      email: fieldOf(f, 'email'),
      firstName: fieldOf(f, 'first_name'),
      lastName: fieldOf(f, 'last_name'),
      newsletter: fieldOf(f, 'newsletter') === '1',
      returnTo: safeReturn(fieldOf(f, 'return_to')),
    };
    const password = typeof f.password === 'string' ? f.password : '';
    const errors: ThemeFormError[] = [];
    const first = name.safeParse(typed.firstName);
    const last = name.safeParse(typed.lastName);
    const email = emailSchema.safeParse(typed.email);
    if (!first.success) errors.push({ field: 'first_name', code: typed.firstName.trim() ? 'too_long' : 'required' });
    if (!last.success) errors.push({ field: 'last_name', code: typed.lastName.trim() ? 'too_long' : 'required' });
    if (!email.success) errors.push({ field: 'email', code: typed.email ? 'email_invalid' : 'required' });
    if (!password) errors.push({ field: 'password', code: 'required' });
    else if (password.length > 128) errors.push({ field: 'password', code: 'too_long' });
    if (errors.length) return registerPage(request, reply, typed, errors, 422);
    try {
      const session = await deps.accounts.register(request.ctx, shopOf(request).scope, mailerOf(request), {
        email: email.data!,
        password,
        firstName: first.data!,
        lastName: last.data!,
        newsletter: typed.newsletter,
        language: lang(request),
      });
      setSession(request, reply, session);
      // Coming back to the account itself, it greets them; anywhere else (the checkout), they go on.
      const back = typed.returnTo && typed.returnTo.split('?')[0] !== '/account' ? typed.returnTo : null;
      return see(reply, back ?? '/account?notice=welcome');
    } catch (e) {
      if (!(e instanceof AccountFormError)) throw e;
      return registerPage(request, reply, typed, formErrors(e), e.code === 'conflict' ? 409 : 422);
    }
  });

  app.get('/account/confirm', options, async (request, reply) => {
    const token = queryOf(request).token;
    const ok =
      typeof token === 'string' && (await deps.accounts.confirmEmail(shopOf(request).scope, token, request.ctx.now));
    return see(reply, ok ? '/account?notice=email_confirmed' : '/account?notice=link_invalid');
  });

  app.post('/account/confirm/resend', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    if (!who.emailVerified)
      await deps.accounts.resendVerification(shopOf(request).scope, mailerOf(request), who, request.ctx.now);
    return see(reply, '/account?notice=welcome');
  });

  // ── Password reset ────────────────────────────────────────────────────────────────────────────

  const resetPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: {
      mode: 'request' | 'sent' | 'choose' | 'invalid';
      email?: string;
      token?: string;
      errors?: ThemeFormError[];
    },
    status = 200,
  ) =>
    deps.pages.render(request, reply, {
      template: 'reset_password',
      title: titles[lang(request)].reset,
      status,
      objects: {
        account_routes: accountRoutes,
        form: {
          action: accountRoutes.reset_url,
          email: form.email ?? '',
          errors: form.errors ?? [],
          mode: form.mode,
          token: form.token ?? null,
        },
      },
    });

  app.get('/account/reset', options, async (request, reply) => {
    const token = queryOf(request).token;
    if (typeof token !== 'string') return resetPage(request, reply, { mode: 'request' });
    const valid = await deps.accounts.resetLinkValid(shopOf(request).scope, token, request.ctx.now);
    return resetPage(request, reply, valid ? { mode: 'choose', token } : { mode: 'invalid' }, valid ? 200 : 410);
  });

  app.post('/account/reset', options, async (request, reply) => {
    const f = formOf(request);
    const token = fieldOf(f, 'token');
    const scope = shopOf(request).scope;
    if (token) {
      const password = typeof f.password === 'string' ? f.password : '';
      if (!password || password.length > 128)
        return resetPage(
          request,
          reply,
          { mode: 'choose', token, errors: [{ field: 'password', code: password ? 'too_long' : 'required' }] },
          422,
        );
      try {
        await deps.accounts.completeReset(request.ctx, scope, token, password);
      } catch (e) {
        if (!(e instanceof AccountFormError)) throw e;
        if (e.fields.some((x) => x.code === 'link_invalid')) return resetPage(request, reply, { mode: 'invalid' }, 410);
        return resetPage(request, reply, { mode: 'choose', token, errors: formErrors(e) }, 422);
      }
      reply.clearCookie(SHOPPER_COOKIE, { path: '/' });
      return see(reply, '/account/login?notice=password_changed');
    }
    const typed = fieldOf(f, 'email');
    const email = emailSchema.safeParse(typed);
    if (!email.success)
      return resetPage(
        request,
        reply,
        { mode: 'request', email: typed, errors: [{ field: 'email', code: typed ? 'email_invalid' : 'required' }] },
        422,
      );
    await deps.accounts.requestReset(request.ctx, scope, mailerOf(request), email.data);
    return resetPage(request, reply, { mode: 'sent' });
  });

  // ── The account ───────────────────────────────────────────────────────────────────────────────

  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedInShopper,
    extra: { notice?: string | null; values?: AddressInput; errors?: ThemeFormError[] } = {},
    status = 200,
  ) {
    const scope = shopOf(request).scope;
    const language = lang(request);
    const [detail, saved, subscribed] = await Promise.all([
      who.emailVerified ? deps.shopperReads.detail(scope, who.shopperId) : Promise.resolve(null),
      deps.accounts.addresses(scope, who.shopperId),
      deps.accounts.subscribed(scope, who.shopperId),
    ]);
    const notice = newsletterNotice(shopOf(request).name, language);
    return deps.pages.render(request, reply, {
      template: 'account',
      title: titles[language].account,
      status,
      objects: {
        account_routes: accountRoutes,
        customer: customerObject(who),
        orders: (detail?.orders ?? []).map((o) => ({
          name: o.name,
          number: o.number,
          status: o.status,
          created_at: o.createdAt,
          total_price: o.totalCents,
          url: `/account/orders/${o.number}`,
        })),
        addresses: saved.map((a) => ({
          ...addressObject(a, language),
          company: a.company,
          id: a.id,
          default: a.isDefault,
          delete_url: `/account/addresses/${encodeURIComponent(a.id)}/delete`,
          set_default_url: `/account/addresses/${encodeURIComponent(a.id)}/default`,
        })),
        address_form: { values: extra.values ?? {}, errors: extra.errors ?? [] },
        countries: countriesFor(language, allCountries),
        newsletter: { text: notice.text, version: notice.version, subscribed },
        notice: extra.notice ?? null,
      },
    });
  }

  app.get('/account', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    return accountPage(request, reply, who, { notice: noticeOf(queryOf(request).notice) });
  });

  app.get<{ Params: { number: string } }>('/account/orders/:number', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    const number = /^\d{1,9}$/.test(request.params.number) ? Number(request.params.number) : null;
    // Orders are found by email: until the shopper has proved the email is theirs, they see none.
    const order =
      number !== null && who.emailVerified
        ? await deps.orderReads.ofShopper(shopOf(request).scope, who.shopperId, number)
        : null;
    if (!order) return deps.pages.notFound(request, reply);
    const language = lang(request);
    return deps.pages.render(request, reply, {
      template: 'account_order',
      title: `${titles[language].order} ${order.name}`,
      objects: { account_routes: accountRoutes, customer: customerObject(who), order: orderObject(order, language) },
    });
  });

  app.post('/account/addresses', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    const f = formOf(request);
    const typed = addressFromForm(f, 'address');
    const { address, errors } = addressErrors(typed);
    if (!address) return accountPage(request, reply, who, { values: typed, errors }, 422);
    await deps.accounts.addAddress(request.ctx, shopOf(request).scope, who.shopperId, {
      firstName: address.firstName,
      lastName: address.lastName,
      company: typed.company.slice(0, 200) || null,
      line1: address.line1,
      line2: address.line2,
      postalCode: address.postalCode,
      city: address.city,
      country: address.country,
      phone: address.phone,
    });
    return see(reply, '/account?notice=address_saved');
  });

  app.post<{ Params: { id: string } }>('/account/addresses/:id/delete', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    await deps.accounts.removeAddress(shopOf(request).scope, who.shopperId, request.params.id.slice(0, 64));
    return see(reply, '/account?notice=address_deleted');
  });

  app.post<{ Params: { id: string } }>('/account/addresses/:id/default', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    await deps.accounts.setDefaultAddress(shopOf(request).scope, who.shopperId, request.params.id.slice(0, 64));
    return see(reply, '/account');
  });

  app.post('/account/newsletter', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    const granted = fieldOf(formOf(request), 'newsletter') === '1';
    await deps.accounts.setNewsletter(request.ctx, shopOf(request).scope, who.shopperId, {
      granted,
      shopName: shopOf(request).name,
      language: lang(request),
    });
    return see(reply, `/account?notice=${granted ? 'newsletter_on' : 'newsletter_off'}`);
  });

  // ── Privacy requests to the shop ──────────────────────────────────────────────────────────────

  async function privacyPage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: SignedInShopper,
    form: { notice?: string | null; errors?: ThemeFormError[] },
    status = 200,
  ) {
    const shop = shopOf(request);
    const [requests, controller] = await Promise.all([
      deps.privacyDesk.requestsOf(shop.scope, who.shopperId),
      deps.privacyDesk.controllerOf(shop.scope),
    ]);
    return deps.pages.render(request, reply, {
      template: 'account_privacy',
      title: titles[lang(request)].privacy,
      status,
      objects: {
        account_routes: accountRoutes,
        customer: customerObject(who),
        requests: requests.map((r) => ({ kind: r.kind, status: r.status, created_at: r.createdAt, due_at: r.dueAt })),
        controller,
        form: {
          action: accountRoutes.privacy_url,
          email: who.email,
          errors: form.errors ?? [],
          notice: form.notice ?? null,
        },
      },
    });
  }

  app.get('/account/privacy', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    const raw = queryOf(request).notice;
    return privacyPage(request, reply, who, { notice: raw === 'request_sent' ? raw : null });
  });

  app.post('/account/privacy', options, async (request, reply) => {
    const who = await requireShopper(request, reply);
    if (!who) return reply;
    const kind = fieldOf(formOf(request), 'kind');
    if (kind !== 'access' && kind !== 'erasure')
      return privacyPage(request, reply, who, { errors: [{ field: 'kind', code: 'required' }] }, 422);
    const opened = await deps.privacyDesk.open(request.ctx, shopOf(request).scope, {
      shopperId: who.shopperId,
      email: who.email,
      kind,
      via: 'account',
    });
    if (!opened) return privacyPage(request, reply, who, { errors: [{ code: 'request_open' }] }, 409);
    return see(reply, '/account/privacy?notice=request_sent');
  });
}
