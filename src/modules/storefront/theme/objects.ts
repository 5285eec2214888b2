/**
 * The objects a storefront template receives, named and shaped as Shopify theme developers know
 * them (snake_case). Every amount of money is an integer number of the currency's minor unit
 * (cents for EUR), VAT included: shop prices are consumer prices. URLs named `url` are paths on the
 * shop's own host ('/products/blue-mug') unless the field says it is absolute.
 *
 * Values are plain text: the theme escapes every output. Only fields ending in `_html` hold HTML,
 * which the platform must have sanitised before it gets here.
 */

/** An amount in the currency's minor unit (cents), VAT included. */
export type Cents = number;

/** A collection as the navigation lists it. */
export interface NavCollection {
  handle: string;
  title: string;
  url: string;
}

/** `shop`: the merchant's shop, on every page. */
export interface ShopObject {
  name: string;
  /** Absolute address of the storefront, e.g. 'http://demo.localhost:3000' (a trailing slash is tolerated). */
  url: string;
  /** The shop's own language (BCP 47); a page is rendered in the visitor's language, see `request.locale`. */
  locale: string;
  /** ISO 4217, e.g. 'EUR': the `money` filter formats in it. */
  currency: string;
  /** '#rrggbb' brand colours. The theme checks them and computes readable text colours itself. */
  primary_colour: string;
  accent_colour: string;
  /** One line about the shop: the meta description of pages that have none of their own. */
  description?: string | null;
  /** Time zone for dates shown (order date, Multibanco deadline); Europe/Lisbon when absent. */
  timezone?: string | null;
  /** Collections in the main navigation, in order. */
  collections: NavCollection[];
  /** The shop's logo (its alt text is the shop's name), or null. */
  logo?: ImageObject | null;
  /** Who runs the shop, as the law asks an online shop to say: each field null when not given. */
  legal?: {
    name: string | null;
    tax_id: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
  } | null;
  /** The shop's privacy notice. */
  privacy_url?: string | null;
}

/** `routes`: where the storefront's pages and forms are (paths). */
export interface RoutesObject {
  root_url: string;
  cart_url: string;
  /** POST id=<variant id>, quantity=<n>. */
  cart_add_url: string;
  /** POST id=<line key>, quantity=<n> (0 removes the line). */
  cart_change_url: string;
  /** POST updates[<line key>]=<n> for every line; with `checkout` present, go on to the checkout after. */
  cart_update_url: string;
  /** GET q=<terms>, page=<n>. */
  search_url: string;
  checkout_url: string;
  /** The shopper's account (the sign-in page when nobody is signed in). */
  account_url?: string;
}

/** A product as a card in a grid (collection, search results, home page). */
/** `image`: a product photo in every size made, for `<picture>` with `srcset`. */
export interface ImageObject {
  /** A middle size in WebP, for `<img src>`. */
  src: string;
  alt: string;
  /** The uploaded image's own size (its proportions, for width/height attributes). */
  width: number;
  height: number;
  /** `url 320w, url 640w, …` in each format. */
  srcset_avif: string;
  srcset_webp: string;
}

export interface ProductCardObject {
  id: string;
  handle: string;
  title: string;
  url: string;
  /** The lowest price of the variants on sale. */
  price: Cents;
  price_min: Cents;
  price_max: Cents;
  /** Some variant can be bought. */
  available: boolean;
  /** The product's first image, or null without one. */
  featured_image?: ImageObject | null;
}

/** `variant`: one buyable version of a product. */
export interface VariantObject {
  id: string;
  /** The option values joined, e.g. 'M / Blue'; 'Default Title' when the product has no options. */
  title: string;
  sku: string | null;
  price: Cents;
  available: boolean;
  /** One value per product option, in the product's option order. */
  options: string[];
}

export interface ProductOption {
  name: string;
  values: string[];
}

/** `product`: the product page's product. */
export interface ProductObject extends ProductCardObject {
  /** Sanitised HTML (the only field a template outputs with `| raw`). */
  description_html: string;
  options: ProductOption[];
  variants: VariantObject[];
  /** The variant asked for (?variant=) or else the first available one, else the first. */
  selected_or_first_available_variant: VariantObject | null;
  /** One variant and no options worth choosing: the form carries its id without asking. */
  has_only_default_variant: boolean;
  /** Every image of the product, in the merchant's order. */
  images?: ImageObject[];
}

/** `collection`: a collection page's collection, or one on the home page. */
export interface CollectionObject {
  handle: string;
  title: string;
  url: string;
  description_html?: string | null;
  /** The products of this page (already paginated by the caller). */
  products: ProductCardObject[];
  /** Products in the whole collection. */
  products_count: number;
}

/** `paginate`: where a paginated list is. */
export interface PaginateObject {
  current_page: number;
  /** Number of pages (at least 1). */
  pages: number;
  /** Number of items over all pages. */
  items: number;
  page_size: number;
  previous_url: string | null;
  next_url: string | null;
}

/** A line of the cart (or of a checkout's summary). */
export interface CartLineObject {
  /** Identifies the line in /cart/change and /cart/update. */
  key: string;
  variant_id: string;
  product_title: string;
  /** Null for a product's only, default variant. */
  variant_title: string | null;
  quantity: number;
  price: Cents;
  line_price: Cents;
  /** The product page. */
  url: string;
}

/** `cart`: the visitor's cart, on every page (the header counts its items). */
export interface CartObject {
  item_count: number;
  total_price: Cents;
  items: CartLineObject[];
  requires_shipping?: boolean;
}

/** `search`: the search page. */
export interface SearchObject {
  /** What was asked, as typed ('' when nothing was). */
  terms: string;
  /** Whether a search was made (false: the page shows only the form). */
  performed: boolean;
  results: ProductCardObject[];
  results_count: number;
}

/** A postal address as typed into a form: every field a string, '' when empty. */
export interface AddressInput {
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  zip: string;
  city: string;
  country_code: string;
  phone: string;
}

/** A postal address as shown (order confirmation). */
export interface AddressObject {
  name: string;
  company?: string | null;
  address1: string;
  address2?: string | null;
  zip: string;
  city: string;
  country_code: string;
  /** The country's name in the page's language. */
  country: string;
  phone?: string | null;
}

/** The names of checkout fields an error can point to: `shipping_address.zip` is the input `shipping_address[zip]`. */
export type CheckoutField =
  | 'email'
  | `shipping_address.${keyof AddressInput}`
  | `billing_address.${keyof AddressInput}`
  | 'shipping_rate'
  | 'payment_method'
  | 'card.name'
  | 'card.number'
  | 'card.expiry_month'
  | 'card.expiry_year'
  | 'card.cvc';

/** What went wrong: the theme words it (locales: checkout.errors.<code>). */
export const checkoutErrorCodes = [
  'required',
  'invalid',
  'invalid_email',
  'invalid_zip',
  'invalid_phone',
  'unsupported_country',
  'invalid_card_number',
  'invalid_expiry',
  'card_expired',
  'invalid_cvc',
  'card_declined',
  'shipping_unavailable',
  'out_of_stock',
] as const;
export type CheckoutErrorCode = (typeof checkoutErrorCodes)[number];

export interface CheckoutError {
  /** The field at fault; absent for an error of the whole step (a declined card, stock gone). */
  field?: CheckoutField;
  code: CheckoutErrorCode;
}

export interface ShippingRateObject {
  id: string;
  title: string;
  price: Cents;
}

export interface CountryObject {
  code: string;
  name: string;
}

export type CheckoutStep = 'information' | 'shipping' | 'payment';
export type PaymentMethod = 'card' | 'multibanco';

/**
 * `checkout`: one template, three steps. After an error the page is shown again with the values
 * typed; the card number and CVC are never among them (this type has no place for them, and the
 * template never outputs one).
 */
export interface CheckoutObject {
  step: CheckoutStep;
  /** The shopper signed in at this shop, if any (their email and saved address fill the first step). */
  customer?: { name: string; email: string } | null;
  /** Where a shopper with an account signs in and comes back to the checkout; absent when the shop has no accounts. */
  login_url?: string | null;
  /** Where this step's form posts. */
  form_action: string;
  /** Links back to the steps already done. */
  step_urls: Record<CheckoutStep, string>;
  requires_shipping: boolean;
  email: string;
  shipping_address: AddressInput;
  billing_same_as_shipping: boolean;
  billing_address: AddressInput;
  /** Countries the shop ships to (or bills in), sorted for the reader. */
  countries: CountryObject[];
  /** Rates for the shipping address (shipping step). */
  shipping_rates: ShippingRateObject[];
  selected_shipping_rate_id: string | null;
  payment_methods: PaymentMethod[];
  selected_payment_method: PaymentMethod | null;
  /** The card fields that may be shown again: never the number or the CVC. */
  card: { name: string; expiry_month: string; expiry_year: string };
  errors: CheckoutError[];
  /** The order summary beside the form. */
  line_items: CartLineObject[];
  subtotal_price: Cents;
  /** Null until a rate is chosen. */
  shipping_price: Cents | null;
  total_price: Cents;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded';

export interface OrderLineObject {
  product_title: string;
  variant_title: string | null;
  sku: string | null;
  quantity: number;
  price: Cents;
  line_price: Cents;
  /** VAT rate in percent (23, 13, 6, 0). */
  vat_rate: number;
}

/** One VAT rate's share of the order: net + vat = what was paid at that rate. */
export interface TaxLineObject {
  rate: number;
  net: Cents;
  vat: Cents;
}

export interface MultibancoObject {
  entity: string;
  reference: string;
  amount: Cents;
  /** ISO 8601: pay before this. */
  expires_at: string;
}

export interface OrderPaymentObject {
  method: PaymentMethod;
  /** Card payments: the last four digits, to recognise the card. */
  card_last4?: string | null;
  multibanco?: MultibancoObject | null;
}

/** `order`: the confirmation page. */
export interface OrderObject {
  /** '#1001'. */
  name: string;
  number: number;
  status: OrderStatus;
  /** ISO 8601. */
  created_at: string;
  email: string;
  line_items: OrderLineObject[];
  subtotal_price: Cents;
  shipping_method: { title: string; price: Cents } | null;
  shipping_price: Cents;
  total_price: Cents;
  /** VAT included in total_price, per rate. */
  tax_lines: TaxLineObject[];
  shipping_address: AddressObject | null;
  billing_address: AddressObject;
  payment: OrderPaymentObject;
  /** The carrier's tracking number, once the merchant has sent the order. */
  tracking_number?: string | null;
  /** ISO 8601, once sent. */
  fulfilled_at?: string | null;
  /** The order in the shopper's account ('/account/orders/1001'), when they are signed in. */
  account_url?: string | null;
}

export type ConsentCategory = 'statistical' | 'marketing';

/**
 * `consent`: the cookie banner. The form posts `method` = accept-all | reject-all | custom, and for
 * custom a `statistical` and/or `marketing` checkbox (value 1), plus `version` and `return_to`.
 */
export interface ConsentObject {
  /** Show the banner (no decision recorded yet, or it has expired). */
  show: boolean;
  /** The notice, in the page's language, exactly as it is recorded against. */
  text: string;
  version: string;
  /** Who decides why the cookies are used: the shop. */
  controller: string;
  action: string;
  /** The optional categories and whether each is ticked now. */
  categories: { id: ConsentCategory; checked: boolean }[];
  /** Where to come back to after deciding (the page's path). */
  return_to?: string | null;
  policy_url?: string | null;
}

/** A hidden field every POST form carries, when the routes protect forms with one. */
export interface CsrfObject {
  name: string;
  value: string;
}

/** What every page of the storefront receives. */
export interface PageBase {
  shop: ShopObject;
  routes: RoutesObject;
  cart: CartObject;
  consent: ConsentObject;
  /** This page's own title; the layout adds the shop's name. Empty on the home page. */
  page_title: string;
  /** The meta description; the shop's description (or a generic line) when absent. */
  page_description?: string | null;
  /** Absolute URL of this page without tracking parameters. */
  canonical_url: string;
  csrf?: CsrfObject | null;
}

/** A shop's privacy notice, made from the platform's data map for the shop's shoppers. */
export interface PrivacyNoticeObject {
  controller: { name: string; address: string | null; email: string | null; tax_id: string | null };
  processor: string;
  /** Changes whenever the notice's words or the facts it describes change. */
  version: string;
  /** Each kind of record the shop holds: what, why, on which basis, for how long. */
  sections: { title: string; data: string[]; purposes: string[]; basis: string; retention: string }[];
  rights_url: string;
}

/** An error on a shopper-account form: `field` is the input's name (absent: the form as a whole). */
export interface AccountFormError {
  field?: string | null;
  /** A key under `account.errors` in the theme's locale files. */
  code: AccountErrorCode;
}
export const accountErrorCodes = [
  'required',
  'email_invalid',
  'password_weak',
  'password_mismatch',
  'email_taken',
  'invalid_credentials',
  'throttled',
  'link_invalid',
  'address_invalid',
  'too_long',
  'request_open',
] as const;
export type AccountErrorCode = (typeof accountErrorCodes)[number];

/** `customer`: the signed-in shopper (on account pages only: catalogue pages are shared and never name one). */
export interface CustomerObject {
  first_name: string;
  last_name: string;
  name: string;
  email: string;
  /** False until the shopper follows the link emailed at sign-up; their orders show once it is true. */
  email_verified: boolean;
}

/** A saved address in the shopper's account, with what its forms need. */
export interface CustomerAddressObject extends AddressObject {
  id: string;
  default: boolean;
  /** POST here (empty body) to delete it; to `set_default_url` to make it the default. */
  delete_url: string;
  set_default_url: string;
}

/** An order in the account's list. */
export interface CustomerOrderObject {
  name: string;
  number: number;
  status: OrderStatus;
  created_at: string;
  total_price: Cents;
  url: string;
}

/** The values typed into an address form, by input name (what `address-fields` shows again). */
export type AddressFormValues = Partial<Record<keyof AddressInput, string>>;

/**
 * The shop's newsletter consent: the exact text the shopper agrees to (recorded with its version),
 * and whether they are subscribed now.
 */
export interface NewsletterObject {
  text: string;
  version: string;
  subscribed: boolean;
}

/** A privacy request the shopper made to the shop. */
export interface CustomerPrivacyRequestObject {
  kind: 'access' | 'erasure';
  status: string;
  created_at: string;
  due_at: string;
}

/**
 * `form` on the sign-in, sign-up and password pages: the values to show again, the errors, and
 * `notice`, a key under `account.notices` (e.g. after a reset link was sent).
 */
export interface AccountFormObject {
  action: string;
  email: string;
  first_name?: string;
  last_name?: string;
  errors: AccountFormError[];
  return_to?: string | null;
  notice?: string | null;
  /** The reset page: `request` (ask for a link), `sent`, `choose` (a new password; `token` set), `invalid`. */
  mode?: 'request' | 'sent' | 'choose' | 'invalid';
  token?: string | null;
}

/** What every shopper-account page links to. */
export interface AccountRoutesObject {
  login_url: string;
  register_url: string;
  logout_url: string;
  account_url: string;
  reset_url: string;
  addresses_url: string;
  newsletter_url: string;
  privacy_url: string;
}

/** Each template's objects on top of the page's. */
export interface TemplateObjects {
  index: PageBase & { featured_collections: CollectionObject[] };
  collection: PageBase & { collection: CollectionObject; paginate: PaginateObject };
  product: PageBase & { product: ProductObject };
  search: PageBase & { search: SearchObject; paginate: PaginateObject | null };
  cart: PageBase;
  checkout: PageBase & { checkout: CheckoutObject };
  order: PageBase & { order: OrderObject };
  '404': PageBase;
  login: PageBase & { form: AccountFormObject; account_routes: AccountRoutesObject };
  register: PageBase & { form: AccountFormObject; newsletter: NewsletterObject; account_routes: AccountRoutesObject };
  reset_password: PageBase & { form: AccountFormObject; account_routes: AccountRoutesObject };
  account: PageBase & {
    customer: CustomerObject;
    orders: CustomerOrderObject[];
    addresses: CustomerAddressObject[];
    address_form: { values: AddressFormValues; errors: AccountFormError[] };
    countries: CountryObject[];
    newsletter: NewsletterObject;
    notice: string | null;
    account_routes: AccountRoutesObject;
  };
  account_order: PageBase & { customer: CustomerObject; order: OrderObject; account_routes: AccountRoutesObject };
  account_privacy: PageBase & {
    customer: CustomerObject;
    requests: CustomerPrivacyRequestObject[];
    form: AccountFormObject;
    /** The shop as controller, and SellRocket as its processor, in plain words. */
    controller: { name: string; email: string | null };
    account_routes: AccountRoutesObject;
  };
  /** The shop's public privacy request form (for shoppers without an account): confirmed by an emailed link. */
  privacy_request: PageBase & { form: AccountFormObject; controller: { name: string; email: string | null } };
  /** The shop's privacy notice: the shop as controller, SellRocket as processor, from the data map. */
  privacy_notice: PageBase & { notice: PrivacyNoticeObject };
  /** Neutral: names no shop, says nothing of why it is closed, and offers nothing to do there. */
  unavailable: { canonical_url?: string | null };
}

export type ThemeTemplate = keyof TemplateObjects;
export const themeTemplates = [
  'index',
  'collection',
  'product',
  'search',
  'cart',
  'checkout',
  'order',
  '404',
  'unavailable',
  'login',
  'register',
  'reset_password',
  'account',
  'account_order',
  'account_privacy',
  'privacy_request',
  'privacy_notice',
] as const satisfies readonly ThemeTemplate[];

/** Added by the renderer to every page: the language and the template's name. */
export interface RendererObjects {
  request: { locale: { iso_code: ThemeLanguage } };
  template: { name: ThemeTemplate };
}

export type ThemeLanguage = 'en' | 'pt-PT';
