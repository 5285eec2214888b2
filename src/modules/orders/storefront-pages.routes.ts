import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import countries from 'i18n-iso-countries';
import type { FieldCipher } from '../../core/crypto/field-encryption.js';
import { AppError } from '../../core/errors.js';
import { onShopHosts } from '../../core/http/tenant-host.js';
import { StockShortError } from '../catalogue/index.js';
import type { ShopsService } from '../shops/index.js';
import type { CheckoutStep, StorefrontPages } from '../storefront/index.js';
import type { CartsService } from './carts.service.js';
import { PaymentDeclinedError, type Checkout } from './checkout.js';
import {
  addressForBody,
  addressFromForm,
  blankAddress,
  declineError,
  fieldOf,
  formError,
  formOf,
  paymentForBody,
  valueAt,
  type AddressInput,
  type CheckoutError,
} from './checkout-form.js';
import { CheckoutBody } from './checkout.schemas.js';
import type { OrderReads } from './orders.reads.js';
import { shippingZoneOf } from './shipping.js';
import { cartCookieOf, setCartCookie } from './storefront-json.routes.js';
import { shopOf } from '../storefront/index.js';
import { checkoutObject, countriesFor, orderObject, type CheckoutView, type Language } from './theme-objects.js';

/**
 * What the shopper typed in the first two checkout steps, kept between the steps in their browser
 * only: sealed (AES-256-GCM, bound to the shop) in a session cookie, never in the database until
 * the order is placed. It holds no card data: the card is typed on the last step and goes straight
 * to the gateway.
 */
const CHECKOUT_COOKIE = 'sr_checkout';
interface CheckoutState {
  email: string;
  shipping: AddressInput;
  rate: string | null;
}

const InformationBody = CheckoutBody.pick({ email: true, shippingAddress: true });
const steps: CheckoutStep[] = ['information', 'shipping', 'payment'];
const allCountries = Object.keys(countries.getAlpha2Codes());

const titles: Record<Language, { cart: string; checkout: string; order: string }> = {
  en: { cart: 'Your cart', checkout: 'Checkout', order: 'Order' },
  'pt-PT': { cart: 'O seu carrinho', checkout: 'Finalizar compra', order: 'Encomenda' },
};

const quantityOf = (raw: string, fallback: number) => (/^\d{1,3}$/.test(raw) ? Number(raw) : fallback);

/**
 * A form has no Idempotency-Key header, so one is made from what the shopper is paying for: this cart
 * as it stands (its version changes with every change) and this card. A double click, or a browser
 * sending the form again, finds the order the first submission placed; another card after a decline,
 * or the next purchase, makes a new one.
 */
function formIdempotencyKey(
  cart: { cartId: string; version: number },
  payment:
    | { method: 'card'; card: { brand: string; last4: string; expMonth: number; expYear: number } }
    | { method: 'multibanco' },
) {
  const card =
    payment.method === 'card'
      ? `${payment.card.brand}-${payment.card.last4}-${payment.card.expMonth}-${payment.card.expYear}`
      : 'mb';
  return `form:${cart.cartId}:${cart.version}:${card}`;
}

/** Zod's issues as the theme's errors, one per field. */
function errorsOf(issues: { path: PropertyKey[] }[], raw: unknown): CheckoutError[] {
  const seen = new Set<string>();
  const out: CheckoutError[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    const e = formError(path, valueAt(raw, path));
    const key = e.field ?? e.code;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/**
 * The shopper signed in at this shop, as the checkout needs them (the shopper-accounts module
 * answers): their email and default saved address fill the first step.
 */
export interface CheckoutShopper {
  forCheckout(request: FastifyRequest): Promise<{
    name: string;
    email: string;
    address: AddressInput | null;
  } | null>;
}

/**
 * The storefront's cart, checkout and confirmation pages, and the cart's no-JavaScript forms. The
 * checkout is three steps (information → shipping → payment), each a plain form the server checks;
 * the last places the order through the same checkout as `POST /checkout.js`.
 */
export function registerStorefrontPages(
  app: FastifyInstance,
  deps: {
    carts: CartsService;
    checkout: Checkout;
    orderReads: OrderReads;
    shops: ShopsService;
    pages: StorefrontPages;
    cipher: FieldCipher;
    now: () => Date;
    checkoutShopper: CheckoutShopper;
  },
) {
  const options = { ...onShopHosts, schema: { hide: true } } as const;
  const lang = (request: FastifyRequest) => deps.pages.languageOf(request) as Language;
  const see = (reply: FastifyReply, to: string) => reply.code(303).header('location', to).send();

  function readState(request: FastifyRequest): CheckoutState | null {
    const sealed = request.cookies[CHECKOUT_COOKIE];
    if (!sealed || sealed.length > 4000) return null;
    try {
      return JSON.parse(deps.cipher.open(sealed, `checkout:${shopOf(request).id}`)) as CheckoutState;
    } catch {
      return null;
    }
  }
  function writeState(request: FastifyRequest, reply: FastifyReply, state: CheckoutState) {
    reply.setCookie(CHECKOUT_COOKIE, deps.cipher.seal(JSON.stringify(state), `checkout:${shopOf(request).id}`), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
    });
  }

  // ── Cart forms ────────────────────────────────────────────────────────────────────────────────

  app.get('/cart', options, (request, reply) =>
    deps.pages.render(request, reply, { template: 'cart', objects: {}, title: titles[lang(request)].cart }),
  );

  /** A form post changes the cart and goes back to it; what could not be done shows in the cart as it is. */
  const quietly = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
    }
  };

  app.post('/cart/add', options, async (request, reply) => {
    const f = formOf(request);
    await quietly(async () => {
      const { newCookie } = await deps.carts.add(request.ctx, shopOf(request).scope, cartCookieOf(request), {
        variantId: fieldOf(f, 'id'),
        quantity: Math.max(1, quantityOf(fieldOf(f, 'quantity'), 1)),
      });
      if (newCookie) setCartCookie(request, reply, newCookie);
    });
    return see(reply, '/cart');
  });

  app.post('/cart/change', options, async (request, reply) => {
    const f = formOf(request);
    await quietly(() =>
      deps.carts.change(request.ctx, shopOf(request).scope, cartCookieOf(request), {
        variantId: fieldOf(f, 'id'),
        quantity: quantityOf(fieldOf(f, 'quantity'), 1),
      }),
    );
    return see(reply, '/cart');
  });

  app.post('/cart/update', options, async (request, reply) => {
    const f = formOf(request);
    for (const name of Object.keys(f)) {
      const key = /^updates\[(.{1,64})\]$/.exec(name)?.[1];
      if (!key) continue;
      const quantity = quantityOf(fieldOf(f, name), -1);
      if (quantity < 0) continue;
      await quietly(() =>
        deps.carts.change(request.ctx, shopOf(request).scope, cartCookieOf(request), { variantId: key, quantity }),
      );
    }
    return see(reply, fieldOf(f, 'checkout') ? '/checkout' : '/cart');
  });

  // ── Checkout ──────────────────────────────────────────────────────────────────────────────────

  const stepOf = (request: FastifyRequest): CheckoutStep => {
    const asked = (request.query as Record<string, unknown> | undefined)?.step;
    return steps.includes(asked as CheckoutStep) ? (asked as CheckoutStep) : 'information';
  };

  /** The first step still to do before `step` can be shown, if any. */
  function missingBefore(step: CheckoutStep, state: CheckoutState | null): CheckoutStep | null {
    if (step !== 'information' && !state) return 'information';
    if (step === 'payment' && !state?.rate) return 'shipping';
    return null;
  }

  async function showStep(
    request: FastifyRequest,
    reply: FastifyReply,
    view: Partial<CheckoutView> & { step: CheckoutStep },
    status = 200,
  ) {
    const shop = shopOf(request);
    const [cart, shopView] = await Promise.all([
      deps.carts.summary(shop.scope, cartCookieOf(request)),
      deps.shops.getShop(shop.scope),
    ]);
    if (!cart || cart.lines.length === 0) return see(reply, '/cart');
    const state = readState(request);
    // Only the first step offers signing in; a signed-in shopper's details fill it until they type their own.
    const customer = view.step === 'information' ? await deps.checkoutShopper.forCheckout(request) : null;
    const shipping = view.shipping ?? state?.shipping ?? customer?.address ?? blankAddress();
    const language = lang(request);
    const full: CheckoutView = {
      email: state?.email ?? customer?.email ?? '',
      shipping,
      rate: state?.rate ?? null,
      billingSame: true,
      billing: blankAddress(),
      method: null,
      card: { name: '', expiry_month: '', expiry_year: '' },
      errors: [],
      ...view,
    };
    const zone =
      shipping.country_code && shipping.zip
        ? shippingZoneOf({ country: shipping.country_code, postalCode: shipping.zip })
        : null;
    const checkout = checkoutObject(full, {
      customer: customer ? { name: customer.name, email: customer.email } : null,
      cart,
      shop: shopView,
      zone,
      lang: language,
      countries: countriesFor(language, allCountries),
    });
    return deps.pages.render(request, reply, {
      template: 'checkout',
      objects: { checkout },
      title: titles[language].checkout,
      status,
    });
  }

  app.get('/checkout', options, async (request, reply) => {
    const step = stepOf(request);
    const missing = missingBefore(step, readState(request));
    if (missing) return see(reply, `/checkout?step=${missing}`);
    return showStep(request, reply, { step });
  });

  app.post('/checkout', options, async (request, reply) => {
    const step = stepOf(request);
    const state = readState(request);
    const missing = missingBefore(step, state);
    if (missing) return see(reply, `/checkout?step=${missing}`);
    const f = formOf(request);

    if (step === 'information') {
      const email = fieldOf(f, 'email');
      const shipping = addressFromForm(f, 'shipping_address');
      const raw = { ...(email ? { email } : {}), shippingAddress: addressForBody(shipping) };
      const parsed = InformationBody.safeParse(raw);
      if (!parsed.success)
        return showStep(request, reply, { step, email, shipping, errors: errorsOf(parsed.error.issues, raw) }, 422);
      const zone = shippingZoneOf(parsed.data.shippingAddress);
      writeState(request, reply, { email, shipping, rate: state?.rate === zone ? zone : null });
      return see(reply, '/checkout?step=shipping');
    }

    if (step === 'shipping') {
      const rate = fieldOf(f, 'shipping_rate');
      const zone = shippingZoneOf({ country: state!.shipping.country_code, postalCode: state!.shipping.zip });
      if (rate !== zone)
        return showStep(
          request,
          reply,
          { step, errors: [{ field: 'shipping_rate', code: rate ? 'shipping_unavailable' : 'required' }] },
          422,
        );
      writeState(request, reply, { ...state!, rate });
      return see(reply, '/checkout?step=payment');
    }

    // The payment step: everything comes together and the order is placed.
    const billingSame = fieldOf(f, 'billing_same_as_shipping') !== '';
    const billing = addressFromForm(f, 'billing_address');
    const method = fieldOf(f, 'payment_method');
    const { payment, expired } = paymentForBody(f, deps.now());
    const again = (errors: CheckoutError[], status: number) =>
      showStep(
        request,
        reply,
        {
          step,
          billingSame,
          billing,
          method: method === 'card' || method === 'multibanco' ? method : null,
          card: {
            name: fieldOf(f, 'card[name]'),
            expiry_month: fieldOf(f, 'card[expiry_month]'),
            expiry_year: fieldOf(f, 'card[expiry_year]'),
          },
          errors,
        },
        status,
      );
    const raw = {
      email: state!.email,
      shippingAddress: addressForBody(state!.shipping),
      ...(billingSame ? {} : { billingAddress: addressForBody(billing) }),
      shippingRateId: state!.rate,
      ...(payment ? { payment } : {}),
    };
    const parsed = CheckoutBody.safeParse(raw);
    if (!parsed.success) return again(errorsOf(parsed.error.issues, raw), 422);
    if (expired) return again([{ field: 'card.expiry_month', code: 'card_expired' }], 422);
    try {
      const scope = shopOf(request).scope;
      const cart = await deps.carts.forCheckout(scope, cartCookieOf(request));
      if (!cart || cart.lines.length === 0) return see(reply, '/cart');
      const placed = await deps.checkout.checkout(
        request.ctx,
        scope,
        cartCookieOf(request),
        parsed.data,
        formIdempotencyKey(cart, parsed.data.payment),
      );
      reply.clearCookie(CHECKOUT_COOKIE, { path: '/' });
      return see(reply, `/orders/${placed.order.token}`);
    } catch (e) {
      if (e instanceof PaymentDeclinedError) return again([declineError(e.reason)], 402);
      if (e instanceof StockShortError) return again([{ code: 'out_of_stock' }], 409);
      if (e instanceof AppError && e.code === 'validation') {
        if (e.errors?.some((x) => x.field === 'cart')) return see(reply, '/cart');
        return again(
          (e.errors ?? []).map((x) => formError(x.field, 'typed')),
          422,
        );
      }
      if (e instanceof AppError && e.code === 'conflict') return again([{ code: 'out_of_stock' }], 409);
      throw e;
    }
  });

  // ── The shopper's confirmation page ───────────────────────────────────────────────────────────

  app.get<{ Params: { token: string } }>('/orders/:token', options, async (request, reply) => {
    const order = await deps.orderReads.byToken(shopOf(request).scope, request.params.token);
    if (!order) return deps.pages.notFound(request, reply);
    const language = lang(request);
    return deps.pages.render(request, reply, {
      template: 'order',
      objects: { order: orderObject(order, language) },
      title: `${titles[language].order} ${order.name}`,
    });
  });
}
