import { operatorContext } from './core/context.js';
import type { Platform } from './platform.js';
import { generatePassword } from './modules/staff/index.js';
import { demoCollections, demoProducts } from './seed-demo-catalogue.js';
import { demoImage } from './seed-demo-images.js';

/**
 * On an empty database: a demo merchant with a demo shop, and a staff administrator, with fresh random passwords
 * printed once. Nothing is seeded when any account or staff member exists.
 */
export async function seedDemoIfEmpty(p: Platform): Promise<string[] | null> {
  const accounts = await p.db.selectFrom('account').select('id').limit(1).execute();
  if (accounts.length > 0 || (await p.staff.countStaff()) > 0) return null;
  const ctx = operatorContext(p.clock.now());
  const merchantPassword = generatePassword();
  const { account } = await p.accounts.signup(ctx, {
    firstName: 'Demo',
    lastName: 'Merchant',
    email: 'demo@sellrocket.test',
    password: merchantPassword,
    phone: '+351912345678',
    company: 'Demo Shop, Lda.',
    nif: 'PT501964843',
    marketingConsent: false,
    acceptTerms: true,
    address: { line1: 'Rua Augusta 1', line2: null, postalCode: '1100-048', city: 'Lisboa', country: 'PT' },
  });
  const shop = await p.shops.createShop(ctx, account.id, { slug: 'demo', name: 'Demo Shop' });
  const scope = await p.shops.shopScopeFor(account.id, shop.id);
  for (const c of demoCollections) await p.catalogue.createCollection(ctx, scope, c);
  for (const [i, { collection, ...product }] of demoProducts.entries()) {
    const created = await p.catalogue.createProduct(ctx, scope, {
      ...product,
      status: 'active',
      collections: [collection],
    });
    // Through the upload path a merchant's photo takes: scanned, resized, stripped, stored.
    await p.media.addImage(ctx, scope, created.id, async () => ({ bytes: await demoImage(i), alt: product.title }));
  }
  const staff = await p.staff.createStaff(ctx, {
    email: 'admin@sellrocket.test',
    name: 'Platform Admin',
    roles: ['admin'],
  });
  return [
    'Demo data created (these passwords are shown once):',
    `  merchant  ${account.email}  password: ${merchantPassword}`,
    `  staff     ${staff.email}  password: ${staff.generatedPassword}  (roles: admin)`,
    `  shop      ${shop.url}  (the demo merchant's: ${demoProducts.length} products with images in ${demoCollections.length} collections)`,
  ];
}
