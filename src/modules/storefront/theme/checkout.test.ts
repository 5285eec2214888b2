import { describe, expect, it } from 'vitest';
import { checkoutErrorCodes, createThemeRenderer, type CheckoutObject } from './index.js';
import { fixtures } from './test-support/fixtures.js';
import { attr, byName, elementById, formFields, startTags, textOf } from './test-support/html.js';
import { staticAccessibilityProblems } from './test-support/static-a11y.js';

const renderer = createThemeRenderer();
const f = fixtures();
const checkoutPage = (checkout: Partial<CheckoutObject> & Record<string, unknown>, language = 'en') =>
  renderer.render(
    'checkout',
    { ...f.pages.checkout, checkout: { ...f.checkout, ...checkout } as CheckoutObject },
    { language },
  );

const field = (html: string, name: string) => byName(startTags(html), 'input').find((i) => attr(i, 'name') === name);
const select = (html: string, name: string) => byName(startTags(html), 'select').find((i) => attr(i, 'name') === name);

describe('the checkout', () => {
  it('asks for email and shipping address in the information step, in a form that posts without JavaScript', async () => {
    const html = await checkoutPage({});
    const form = byName(startTags(html), 'form').find((t) => attr(t, 'action') === '/checkout/information')!;
    expect(attr(form, 'method')).toBe('post');
    const names = formFields(html, form).map((t) => attr(t, 'name'));
    expect(names).toEqual([
      '_csrf',
      'email',
      'shipping_address[first_name]',
      'shipping_address[last_name]',
      'shipping_address[company]',
      'shipping_address[address1]',
      'shipping_address[address2]',
      'shipping_address[zip]',
      'shipping_address[city]',
      'shipping_address[country_code]',
      'shipping_address[phone]',
      undefined, // the submit button
    ]);
    expect(attr(field(html, 'email'), 'autocomplete')).toBe('email');
    expect(attr(field(html, 'shipping_address[zip]'), 'autocomplete')).toBe('shipping postal-code');
    const country = select(html, 'shipping_address[country_code]')!;
    expect(attr(country, 'autocomplete')).toBe('shipping country');
    expect(html).toMatch(
      /<option value="">Choose a country<\/option>\s*<option value="ES">Espanha<\/option>\s*<option value="PT" selected>Portugal<\/option>/,
    );
    expect(html).toContain('<li aria-current="step">Information</li>');
    expect(html).not.toContain('href="/checkout/shipping"');
  });

  it('shows each error beside its field and all of them in a summary linking to the fields, keeping what was typed', async () => {
    const html = await checkoutPage({
      email: 'maria@',
      shipping_address: { ...f.typedAddress, first_name: '', zip: '40' },
      errors: [
        { field: 'email', code: 'invalid_email' },
        { field: 'shipping_address.first_name', code: 'required' },
        { field: 'shipping_address.zip', code: 'invalid_zip' },
        { code: 'out_of_stock' },
      ],
    });
    expect(staticAccessibilityProblems(html)).toEqual([]);
    const summary = elementById(html, 'error-summary-title') && html.slice(html.indexOf('class="error-summary"'));
    expect(summary).toBeTruthy();
    const links = byName(startTags(summary!.slice(0, summary!.indexOf('</div>'))), 'a');
    expect(links.map((a) => [attr(a, 'href'), textOf(summary!, a)])).toEqual([
      ['#email', 'Email: Enter an email address like name@example.com.'],
      ['#shipping_address-first_name', 'First name (Shipping address): This is required.'],
      [
        '#shipping_address-zip',
        'Postal code (Shipping address): Enter a postal code in the format used in this country.',
      ],
    ]);
    expect(summary).toContain('<li>Some items are no longer in stock. Check your cart.</li>');
    // Beside the field: the message, tied to the input, which is marked invalid and keeps its value.
    for (const [name, id, message] of [
      ['email', 'email', 'Enter an email address like name@example.com.'],
      ['shipping_address[zip]', 'shipping_address-zip', 'Enter a postal code in the format used in this country.'],
    ] as const) {
      const input = field(html, name)!;
      expect(attr(input, 'id')).toBe(id);
      expect(attr(input, 'aria-invalid')).toBe('true');
      expect(attr(input, 'aria-describedby')!.split(' ')).toContain(`${id}-error`);
      expect(elementById(html, `${id}-error`)).toContain(message);
    }
    expect(attr(field(html, 'email'), 'value')).toBe('maria@');
    expect(attr(field(html, 'shipping_address[zip]'), 'value')).toBe('40');
    expect(attr(field(html, 'shipping_address[city]'), 'value')).toBe('Porto');
    expect(attr(field(html, 'shipping_address[city]'), 'aria-invalid')).toBeUndefined();
    const pt = await checkoutPage({ errors: [{ field: 'shipping_address.zip', code: 'invalid_zip' }] }, 'pt-PT');
    expect(pt).toContain('Há um problema');
    expect(pt).toContain('Código postal (Morada de envio): Introduza um código postal no formato usado neste país.');
  });

  it('offers the shipping rates as radios in the shipping step, with what was given before and links back', async () => {
    const html = await checkoutPage({
      step: 'shipping',
      form_action: '/checkout/shipping',
      selected_shipping_rate_id: 'pickup',
      errors: [{ field: 'shipping_rate', code: 'shipping_unavailable' }],
    });
    const radios = byName(startTags(html), 'input').filter((i) => attr(i, 'name') === 'shipping_rate');
    expect(radios.map((r) => [attr(r, 'id'), attr(r, 'value'), r.attrs.has('checked')])).toEqual([
      ['shipping_rate', 'pt-mainland', false],
      ['shipping_rate-2', 'pickup', true],
    ]);
    expect(html).toContain('<label for="shipping_rate">Portugal mainland · €3.95</label>');
    expect(html).toContain('<a href="#shipping_rate">Shipping method: This shipping method');
    expect(elementById(html, 'shipping_rate-error')).toContain('This shipping method is not available');
    expect(html).toContain('<li><a href="/checkout/information">Information</a></li>');
    expect(html).toContain('<li aria-current="step">Shipping</li>');
    expect(html).toContain('Rua das Flores 10, 4050-262 Porto, Portugal');
    expect(staticAccessibilityProblems(html)).toEqual([]);
  });

  it('takes a card or Multibanco in the payment step, and never shows the card number or CVC again', async () => {
    const html = await checkoutPage({
      step: 'payment',
      form_action: '/checkout/payment',
      selected_payment_method: 'card',
      billing_same_as_shipping: false,
      billing_address: f.typedAddress,
      // What a careless route might pass along from the request body: the theme must not echo it.
      card: {
        name: 'Maria Silva',
        number: '4111 1111 1111 1111',
        cvc: '7391',
        expiry_month: '04',
        expiry_year: '2029',
      },
      errors: [
        { field: 'card.number', code: 'invalid_card_number' },
        { field: 'card.cvc', code: 'invalid_cvc' },
      ],
    } as never);
    expect(html).not.toContain('4111');
    expect(html).not.toContain('7391');
    const number = field(html, 'card[number]')!;
    const cvc = field(html, 'card[cvc]')!;
    expect(number.attrs.has('value')).toBe(false);
    expect(cvc.attrs.has('value')).toBe(false);
    expect([attr(number, 'autocomplete'), attr(number, 'inputmode'), attr(number, 'aria-invalid')]).toEqual([
      'cc-number',
      'numeric',
      'true',
    ]);
    expect(attr(cvc, 'autocomplete')).toBe('cc-csc');
    expect(attr(field(html, 'card[name]'), 'autocomplete')).toBe('cc-name');
    expect(attr(field(html, 'card[name]'), 'value')).toBe('Maria Silva');
    expect([
      attr(field(html, 'card[expiry_month]'), 'autocomplete'),
      attr(field(html, 'card[expiry_month]'), 'value'),
    ]).toEqual(['cc-exp-month', '04']);
    expect([
      attr(field(html, 'card[expiry_year]'), 'autocomplete'),
      attr(field(html, 'card[expiry_year]'), 'value'),
    ]).toEqual(['cc-exp-year', '2029']);
    const methods = byName(startTags(html), 'input').filter((i) => attr(i, 'name') === 'payment_method');
    expect(methods.map((m) => [attr(m, 'value'), m.attrs.has('checked')])).toEqual([
      ['card', true],
      ['multibanco', false],
    ]);
    const same = field(html, 'billing_same_as_shipping')!;
    expect([attr(same, 'type'), same.attrs.has('checked')]).toEqual(['checkbox', false]);
    expect(attr(field(html, 'billing_address[address1]'), 'value')).toBe('Rua das Flores 10');
    expect(attr(field(html, 'billing_address[address1]'), 'autocomplete')).toBe('billing address-line1');
    expect(html).toContain('<a href="#card-number">Card number: Check the card number.</a>');
    expect(html).toContain('<a href="#card-cvc">Security code (CVC): Enter the 3 or 4 digit security code.</a>');
    expect(html).toMatch(/<button type="submit">Pay €64\.00<\/button>/);
    expect(staticAccessibilityProblems(html)).toEqual([]);
  });

  it('skips the shipping address and step when nothing is shipped', async () => {
    const html = await checkoutPage({ requires_shipping: false });
    expect(html).not.toContain('shipping_address[');
    expect(html).not.toMatch(/>Shipping</);
    expect(html).toContain('Continue to payment');
    const payment = await checkoutPage({ requires_shipping: false, step: 'payment' });
    expect(payment).not.toContain('name="billing_same_as_shipping"');
    expect(payment).toContain('name="billing_address[zip]"');
  });

  it('words every error code in both languages', async () => {
    const errors = checkoutErrorCodes.map((code) => ({ field: 'email' as const, code }));
    for (const language of ['en', 'pt-PT']) {
      const html = await checkoutPage({ errors }, language);
      expect(html).not.toContain('translation missing');
      expect(new Set([...html.matchAll(/<a href="#email">([^<]*)<\/a>/g)].map((m) => m[1])).size).toBe(
        checkoutErrorCodes.length,
      );
    }
  });
});

describe('the order confirmation', () => {
  const orderPage = (order: Partial<typeof f.order>, language = 'en') =>
    renderer.render('order', { ...f.pages.order, order: { ...f.order, ...order } }, { language });

  it('shows the number, status, lines, totals with VAT per rate, shipping and addresses', async () => {
    const html = await orderPage({});
    expect(html).toMatch(/<dt>Order<\/dt>\s*<dd>#1001<\/dd>/);
    expect(html).toContain('<strong>Awaiting payment</strong>');
    expect(html).toContain('<time datetime="2026-11-20T14:05:00Z">20 November 2026</time>');
    expect(html).toMatch(
      /Blue mug<br><span class="muted">Small<\/span><\/td>\s*<td class="num">2<\/td>\s*<td class="num">€25\.00<\/td>/,
    );
    expect(html).toMatch(/<dt>Shipping \(Portugal mainland\)<\/dt>\s*<dd>€3\.95<\/dd>/);
    expect(html).toMatch(/<dt class="total">Total<\/dt>\s*<dd class="total">€44\.85<\/dd>/);
    expect(html).toMatch(/Includes VAT at 23% on €23\.54<\/dt>\s*<dd class="muted">€5\.41<\/dd>/);
    expect(html).toMatch(/Includes VAT at 6% on €15\.00<\/dt>\s*<dd class="muted">€0\.90<\/dd>/);
    expect(html).toMatch(
      /<address>\s*Maria Silva<br>\s*Rua das Flores 10<br>\s*4050-262 Porto<br>\s*Portugal\s*<\/address>/,
    );
    expect(html).toContain('Cerâmicas Lda<br>');
  });

  it('gives the Multibanco entity, reference, amount and deadline while the payment is awaited', async () => {
    const html = await orderPage({}, 'pt-PT');
    const panel = elementById(html, 'multibanco-title') && html.slice(html.indexOf('class="panel"'));
    expect(panel).toMatch(/<dt>Entidade<\/dt>\s*<dd>21312<\/dd>/);
    expect(panel).toMatch(/<dt>Referência<\/dt>\s*<dd>123 456 789<\/dd>/);
    expect(panel).toMatch(/<dt>Montante<\/dt>\s*<dd>44,85\u00a0€<\/dd>/);
    expect(panel).toMatch(
      /<dt>Pagar até<\/dt>\s*<dd><time datetime="2026-11-23T23:59:00Z">23 de novembro de 2026 às 23:59<\/time><\/dd>/,
    );
    expect(html).toMatch(/Inclui IVA à taxa de 23 % sobre 23,54\u00a0€/);
    const paid = await orderPage({ status: 'paid' });
    expect(paid).not.toContain('21312');
    expect(paid).toContain('<strong>Paid</strong>');
  });

  it('names a card payment by its last digits', async () => {
    const html = await orderPage({ payment: { method: 'card', card_last4: '4242' }, status: 'paid' });
    expect(html).toContain('Card ending in 4242');
    expect(html).not.toContain('Multibanco');
  });
});
