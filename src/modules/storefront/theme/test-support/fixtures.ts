import type {
  AccountFormError,
  AddressInput,
  CartObject,
  CheckoutObject,
  CollectionObject,
  OrderObject,
  PageBase,
  ProductCardObject,
  ProductObject,
  TemplateObjects,
  ThemeTemplate,
} from '../objects.js';

/**
 * Fixture pages for every template: the tests render them, and preview.ts writes them out for a
 * browser (axe, Lighthouse). `hostile` puts markup into every text a shopper or merchant controls.
 */

export const attack = '"><script>alert(1)</script>';

export function fixtures(opts: { hostile?: boolean } = {}) {
  const t = (plain: string) => (opts.hostile ? `${plain} ${attack}` : plain);

  const mug: ProductObject = {
    id: 'prd_mug',
    handle: 'blue-mug',
    title: t('Blue mug'),
    url: '/products/blue-mug',
    price: 1250,
    price_min: 1250,
    price_max: 1450,
    available: true,
    description_html: '<p>Stoneware, <strong>350 ml</strong>. Dishwasher safe &amp; sturdy.</p>',
    options: [{ name: t('Size'), values: ['Small', 'Large'] }],
    variants: [
      { id: 'var_small', title: t('Small'), sku: 'MUG-S', price: 1250, available: true, options: ['Small'] },
      { id: 'var_large', title: 'Large', sku: 'MUG-L', price: 1450, available: false, options: ['Large'] },
    ],
    selected_or_first_available_variant: null,
    has_only_default_variant: false,
  };
  mug.selected_or_first_available_variant = mug.variants[0]!;

  const card = (p: ProductObject): ProductCardObject => ({
    id: p.id,
    handle: p.handle,
    title: p.title,
    url: p.url,
    price: p.price,
    price_min: p.price_min,
    price_max: p.price_max,
    available: p.available,
  });
  const teapot: ProductCardObject = {
    id: 'prd_teapot',
    handle: 'teapot',
    title: t('Teapot'),
    url: '/products/teapot',
    price: 3900,
    price_min: 3900,
    price_max: 3900,
    available: false,
  };

  const collection: CollectionObject = {
    handle: 'kitchen',
    title: t('Kitchen'),
    url: '/collections/kitchen',
    description_html: '<p>Things for the kitchen.</p>',
    products: [card(mug), teapot],
    products_count: 26,
  };

  const cart: CartObject = {
    item_count: 3,
    total_price: 6400,
    requires_shipping: true,
    items: [
      {
        key: 'var_small:1',
        variant_id: 'var_small',
        product_title: mug.title,
        variant_title: t('Small'),
        quantity: 2,
        price: 1250,
        line_price: 2500,
        url: '/products/blue-mug?variant=var_small',
      },
      {
        key: 'var_teapot:1',
        variant_id: 'var_teapot',
        product_title: teapot.title,
        variant_title: null,
        quantity: 1,
        price: 3900,
        line_price: 3900,
        url: '/products/teapot',
      },
    ],
  };

  const base: PageBase = {
    shop: {
      name: t('Loja da Maria'),
      url: 'http://loja-da-maria.localhost:3000',
      locale: 'pt-PT',
      currency: 'EUR',
      primary_colour: '#1f4f8f',
      accent_colour: '#d9480f',
      description: t('Handmade ceramics from Porto.'),
      timezone: 'Europe/Lisbon',
      collections: [
        { handle: 'kitchen', title: t('Kitchen'), url: '/collections/kitchen' },
        { handle: 'garden', title: 'Garden', url: '/collections/garden' },
      ],
      legal: {
        name: t('Cerâmicas Lda'),
        tax_id: '509999999',
        email: t('ola@example.pt'),
        phone: null,
        address: t('Rua das Flores 10, 4050-262 Porto, PT'),
      },
      privacy_url: '/privacy',
    },
    routes: {
      root_url: '/',
      cart_url: '/cart',
      cart_add_url: '/cart/add',
      cart_change_url: '/cart/change',
      cart_update_url: '/cart/update',
      search_url: '/search',
      checkout_url: '/checkout',
    },
    cart,
    consent: {
      show: true,
      text: 'We use cookies that are strictly necessary to run this shop. With your consent we would also use statistical and marketing cookies.',
      version: 'cookies-2026-11',
      controller: t('Loja da Maria'),
      action: '/consent/cookies',
      categories: [
        { id: 'statistical', checked: false },
        { id: 'marketing', checked: false },
      ],
      return_to: '/products/blue-mug',
      policy_url: '/privacy',
    },
    page_title: '',
    page_description: null,
    canonical_url: 'http://loja-da-maria.localhost:3000/',
    csrf: { name: '_csrf', value: 'tok_123' },
  };
  const page = (path: string, title: string): PageBase => ({
    ...base,
    page_title: title,
    canonical_url: `${base.shop.url}${path}`,
  });

  const emptyAddress: AddressInput = {
    first_name: '',
    last_name: '',
    company: '',
    address1: '',
    address2: '',
    zip: '',
    city: '',
    country_code: 'PT',
    phone: '',
  };
  const typedAddress: AddressInput = {
    ...emptyAddress,
    first_name: t('Maria'),
    last_name: 'Silva',
    address1: t('Rua das Flores 10'),
    zip: '4050-262',
    city: 'Porto',
  };
  const checkout: CheckoutObject = {
    login_url: '/account/login?return_to=%2Fcheckout',
    step: 'information',
    form_action: '/checkout/information',
    step_urls: { information: '/checkout/information', shipping: '/checkout/shipping', payment: '/checkout/payment' },
    requires_shipping: true,
    email: t('maria@example.pt'),
    shipping_address: typedAddress,
    billing_same_as_shipping: true,
    billing_address: emptyAddress,
    countries: [
      { code: 'ES', name: 'Espanha' },
      { code: 'PT', name: 'Portugal' },
    ],
    shipping_rates: [
      { id: 'pt-mainland', title: t('Portugal mainland'), price: 395 },
      { id: 'pickup', title: 'Pick up in Porto', price: 0 },
    ],
    selected_shipping_rate_id: null,
    payment_methods: ['card', 'multibanco'],
    selected_payment_method: null,
    card: { name: '', expiry_month: '', expiry_year: '' },
    errors: [],
    line_items: cart.items,
    subtotal_price: 6400,
    shipping_price: null,
    total_price: 6400,
  };

  const order: OrderObject = {
    name: '#1001',
    number: 1001,
    status: 'pending_payment',
    created_at: '2026-11-20T14:05:00Z',
    email: t('maria@example.pt'),
    line_items: [
      {
        product_title: mug.title,
        variant_title: 'Small',
        sku: 'MUG-S',
        quantity: 2,
        price: 1250,
        line_price: 2500,
        vat_rate: 23,
      },
      {
        product_title: t('Cookbook'),
        variant_title: null,
        sku: null,
        quantity: 1,
        price: 1590,
        line_price: 1590,
        vat_rate: 6,
      },
    ],
    subtotal_price: 4090,
    shipping_method: { title: 'Portugal mainland', price: 395 },
    shipping_price: 395,
    total_price: 4485,
    tax_lines: [
      { rate: 23, net: 2354, vat: 541 },
      { rate: 6, net: 1500, vat: 90 },
    ],
    shipping_address: {
      name: t('Maria Silva'),
      address1: 'Rua das Flores 10',
      zip: '4050-262',
      city: 'Porto',
      country_code: 'PT',
      country: 'Portugal',
    },
    billing_address: {
      name: 'Maria Silva',
      company: t('Cerâmicas Lda'),
      address1: 'Rua das Flores 10',
      zip: '4050-262',
      city: 'Porto',
      country_code: 'PT',
      country: 'Portugal',
    },
    payment: {
      method: 'multibanco',
      multibanco: { entity: '21312', reference: '123456789', amount: 4485, expires_at: '2026-11-23T23:59:00Z' },
    },
  };

  const accountRoutes = {
    login_url: '/account/login',
    register_url: '/account/register',
    logout_url: '/account/logout',
    account_url: '/account',
    reset_url: '/account/reset',
    addresses_url: '/account/addresses',
    newsletter_url: '/account/newsletter',
    privacy_url: '/account/privacy',
  };
  const customer = {
    first_name: t('Maria'),
    last_name: t('Silva'),
    name: t('Maria Silva'),
    email: t('maria@example.pt'),
    email_verified: true,
  };
  const formErrors: AccountFormError[] = [{ field: 'email', code: 'email_invalid' }, { code: 'invalid_credentials' }];

  const pages: { [T in ThemeTemplate]: TemplateObjects[T] } = {
    index: { ...base, featured_collections: [collection] },
    collection: {
      ...page('/collections/kitchen', collection.title),
      collection,
      paginate: {
        current_page: 2,
        pages: 3,
        items: 26,
        page_size: 12,
        previous_url: '/collections/kitchen?page=1',
        next_url: '/collections/kitchen?page=3',
      },
    },
    product: { ...page('/products/blue-mug', mug.title), product: mug },
    search: {
      ...page('/search', 'Search'),
      search: { terms: t('mug'), performed: true, results: [card(mug)], results_count: 1 },
      paginate: null,
    },
    cart: page('/cart', 'Cart'),
    checkout: { ...page('/checkout', 'Checkout'), checkout },
    order: { ...page('/orders/1001', 'Order #1001'), order },
    '404': page('/nope', 'Page not found'),
    unavailable: { canonical_url: null },
    login: {
      ...page('/account/login', 'Sign in'),
      account_routes: accountRoutes,
      form: {
        action: '/account/login',
        email: t('maria@example.pt'),
        errors: formErrors,
        return_to: '/checkout',
        notice: 'signed_out',
      },
    },
    register: {
      ...page('/account/register', 'Create an account'),
      account_routes: accountRoutes,
      newsletter: { text: t('I would like news from the shop.'), version: 'v1', subscribed: false },
      form: {
        action: '/account/register',
        email: t('maria@example.pt'),
        first_name: t('Maria'),
        last_name: t('Silva'),
        errors: formErrors,
        return_to: null,
      },
    },
    reset_password: {
      ...page('/account/reset', 'Reset your password'),
      account_routes: accountRoutes,
      form: { action: '/account/reset', email: t('maria@example.pt'), errors: formErrors, mode: 'request' },
    },
    account: {
      ...page('/account', 'Your account'),
      account_routes: accountRoutes,
      customer,
      orders: [
        {
          name: '#1001',
          number: 1001,
          status: 'fulfilled',
          created_at: '2026-11-20T14:05:00Z',
          total_price: 4485,
          url: '/account/orders/1001',
        },
      ],
      addresses: [
        {
          ...order.billing_address,
          id: 'sad_1',
          default: true,
          delete_url: '/account/addresses/sad_1/delete',
          set_default_url: '/account/addresses/sad_1/default',
        },
      ],
      address_form: {
        values: { first_name: t('Maria'), zip: t('4050') },
        errors: [{ field: 'address.zip', code: 'address_invalid' }],
      },
      countries: checkout.countries,
      newsletter: { text: t('I would like news from the shop.'), version: 'v1', subscribed: true },
      notice: 'address_saved',
    },
    account_order: {
      ...page('/account/orders/1001', 'Order #1001'),
      account_routes: accountRoutes,
      customer,
      order: { ...order, status: 'fulfilled', tracking_number: t('RR123456789PT') },
    },
    account_privacy: {
      ...page('/account/privacy', 'Your data and privacy'),
      account_routes: accountRoutes,
      customer,
      requests: [
        { kind: 'access', status: 'open', created_at: '2026-11-20T14:05:00Z', due_at: '2026-12-20T14:05:00Z' },
      ],
      controller: { name: t('Loja da Maria'), email: null },
      form: { action: '/account/privacy', email: t('maria@example.pt'), errors: [], notice: 'request_sent' },
    },
    privacy_notice: {
      ...page('/privacy', 'Privacy notice'),
      notice: {
        controller: {
          name: t('Cerâmicas Lda'),
          address: t('Rua das Flores 10, 4050-262 Porto, PT'),
          email: t('ola@example.pt'),
          tax_id: t('509999999'),
        },
        processor: 'SellRocket',
        version: 'abc123',
        sections: [
          {
            title: t('Your orders'),
            data: [t('Email'), 'Address'],
            purposes: ['Providing the service'],
            basis: 'contract',
            retention: t('10 years'),
          },
        ],
        rights_url: '/account/privacy',
      },
    },
    privacy_request: {
      ...page('/privacy/request', 'Privacy request'),
      controller: { name: t('Loja da Maria'), email: null },
      form: { action: '/privacy/request', email: t('maria@example.pt'), errors: formErrors, notice: null },
    },
  };
  return { pages, mug, teapot, collection, cart, checkout, order, emptyAddress, typedAddress };
}
