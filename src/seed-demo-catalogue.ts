import type { ProductInput } from './modules/catalogue/index.js';

/**
 * The demo shop's catalogue: four collections, two dozen products, options and variants, stock
 * (some sold out) and the Portuguese VAT rates (23 % standard, 13 % intermediate, 6 % reduced).
 */
export const demoCollections = [
  { title: 'Clothing', handle: 'clothing', description: 'Cotton and linen, made in Portugal.' },
  { title: 'Kitchen', handle: 'kitchen', description: 'Cork, ceramics and things for the table.' },
  { title: 'Pantry', handle: 'pantry', description: 'Olive oil, preserves, honey and coffee.' },
  { title: 'Books', handle: 'books', description: 'Cookbooks and guides.' },
];

type DemoProduct = Omit<ProductInput, 'status'> & { collection: string };

const sizes = ['S', 'M', 'L', 'XL'];
const sized = (sku: string, priceCents: number, stock: number[]) =>
  sizes.map((size, i) => ({ sku: `${sku}-${size}`, priceCents, stock: stock[i] ?? 0, options: [size] }));

export const demoProducts: DemoProduct[] = [
  {
    collection: 'clothing',
    title: 'Linen shirt',
    description: 'A loose **linen** shirt, woven in the north of Portugal. Machine wash at 30 °C.',
    vatRate: 23,
    options: [
      { name: 'Size', values: sizes },
      { name: 'Colour', values: ['White', 'Sand'] },
    ],
    variants: sizes.flatMap((size, i) => [
      { sku: `LIN-WHT-${size}`, priceCents: 4900, stock: [4, 6, 3, 0][i]!, options: [size, 'White'] },
      { sku: `LIN-SND-${size}`, priceCents: 4900, stock: [2, 0, 5, 1][i]!, options: [size, 'Sand'] },
    ]),
  },
  {
    collection: 'clothing',
    title: 'Organic cotton T-shirt',
    description: 'Heavyweight organic cotton, pre-shrunk.',
    vatRate: 23,
    options: [{ name: 'Size', values: sizes }],
    variants: sized('TEE-NAT', 2400, [10, 12, 8, 4]),
  },
  {
    collection: 'clothing',
    title: 'Wool beanie',
    description: 'Burel wool from Serra da Estrela. One size.',
    vatRate: 23,
    variants: [{ sku: 'BEANIE', priceCents: 2900, stock: 15 }],
  },
  {
    collection: 'clothing',
    title: 'Canvas tote bag',
    description: 'Strong cotton canvas with leather handles.',
    vatRate: 23,
    variants: [{ sku: 'TOTE', priceCents: 1950, stock: 30 }],
  },
  {
    collection: 'clothing',
    title: 'Striped fisherman sweater',
    description: 'Knitted in Póvoa de Varzim, in the pattern of the fishermen’s sweaters.',
    vatRate: 23,
    options: [{ name: 'Size', values: sizes }],
    variants: sized('SWT-STR', 8900, [1, 2, 0, 0]),
  },
  {
    collection: 'clothing',
    title: 'Cotton socks (3 pairs)',
    description: 'Combed cotton, reinforced heel and toe.',
    vatRate: 23,
    options: [{ name: 'Size', values: ['36-40', '41-45'] }],
    variants: [
      { sku: 'SOCK-3640', priceCents: 1500, stock: 20, options: ['36-40'] },
      { sku: 'SOCK-4145', priceCents: 1500, stock: 0, options: ['41-45'] },
    ],
  },
  {
    collection: 'kitchen',
    title: 'Cork trivet',
    description: 'Natural cork from the Alentejo; protects the table from hot pans.',
    vatRate: 23,
    options: [{ name: 'Shape', values: ['Round', 'Square'] }],
    variants: [
      { sku: 'CORK-TRV-R', priceCents: 900, stock: 40, options: ['Round'] },
      { sku: 'CORK-TRV-S', priceCents: 900, stock: 25, options: ['Square'] },
    ],
  },
  {
    collection: 'kitchen',
    title: 'Hand-painted ceramic plate',
    description: 'Painted by hand in Caldas da Rainha. Each plate is slightly different.',
    vatRate: 23,
    options: [{ name: 'Diameter', values: ['20 cm', '27 cm'] }],
    variants: [
      { sku: 'PLATE-20', priceCents: 1800, stock: 12, options: ['20 cm'] },
      { sku: 'PLATE-27', priceCents: 2600, stock: 6, options: ['27 cm'] },
    ],
  },
  {
    collection: 'kitchen',
    title: 'Olive wood spoon',
    description: 'Carved from a single piece of olive wood.',
    vatRate: 23,
    variants: [{ sku: 'SPOON-OLV', priceCents: 1200, stock: 18 }],
  },
  {
    collection: 'kitchen',
    title: 'Copper cataplana',
    description: 'The traditional clam-shell pan of the Algarve, in tinned copper.',
    vatRate: 23,
    options: [{ name: 'Size', values: ['24 cm', '30 cm'] }],
    variants: [
      { sku: 'CATA-24', priceCents: 6900, stock: 3, options: ['24 cm'] },
      { sku: 'CATA-30', priceCents: 8900, stock: 0, options: ['30 cm'] },
    ],
  },
  {
    collection: 'kitchen',
    title: 'Linen tea towels (2)',
    description: 'Washed linen, softer with every wash.',
    vatRate: 23,
    variants: [{ sku: 'TOWEL-2', priceCents: 2200, stock: 14 }],
  },
  {
    collection: 'kitchen',
    title: 'Terracotta water jug',
    description: 'Unglazed terracotta keeps water cool.',
    vatRate: 23,
    variants: [{ sku: 'JUG-TERRA', priceCents: 3400, stock: 5 }],
  },
  {
    collection: 'pantry',
    title: 'Extra virgin olive oil 500 ml',
    description: 'Cold-pressed from Galega olives in Trás-os-Montes.',
    vatRate: 6,
    variants: [{ sku: 'OIL-500', priceCents: 1290, stock: 50 }],
  },
  {
    collection: 'pantry',
    title: 'Sardines in olive oil',
    description: 'Hand-packed in Matosinhos.',
    vatRate: 6,
    options: [{ name: 'Pack', values: ['1 tin', '5 tins'] }],
    variants: [
      { sku: 'SARD-1', priceCents: 390, stock: 100, options: ['1 tin'] },
      { sku: 'SARD-5', priceCents: 1790, stock: 20, options: ['5 tins'] },
    ],
  },
  {
    collection: 'pantry',
    title: 'Rosemary honey 250 g',
    description: 'Raw honey from the Serra do Caldeirão.',
    vatRate: 6,
    variants: [{ sku: 'HONEY-250', priceCents: 750, stock: 35 }],
  },
  {
    collection: 'pantry',
    title: 'Piri-piri sauce',
    description: 'Hot. Made with African bird’s eye chillies.',
    vatRate: 6,
    variants: [{ sku: 'PIRI', priceCents: 450, stock: 60 }],
  },
  {
    collection: 'pantry',
    title: 'Ground coffee 250 g',
    description: 'A dark roast for a *bica*.',
    vatRate: 23,
    variants: [{ sku: 'COFFEE-250', priceCents: 690, stock: 0 }],
  },
  {
    collection: 'pantry',
    title: 'Port wine, tawny 10 years',
    description: 'Aged in oak in Vila Nova de Gaia. Sold to adults only.',
    vatRate: 23,
    variants: [{ sku: 'PORT-10', priceCents: 2890, stock: 8 }],
  },
  {
    collection: 'pantry',
    title: 'Fig and almond bread',
    description: 'Dried figs and almonds from the Algarve, pressed into a loaf.',
    vatRate: 13,
    variants: [{ sku: 'FIG-BREAD', priceCents: 590, stock: 22 }],
  },
  {
    collection: 'books',
    title: 'The Portuguese Kitchen',
    description: 'Two hundred recipes from Minho to the Algarve.',
    vatRate: 6,
    options: [{ name: 'Format', values: ['Hardback', 'Paperback'] }],
    variants: [
      { sku: 'BOOK-KIT-HB', priceCents: 3200, stock: 7, options: ['Hardback'] },
      { sku: 'BOOK-KIT-PB', priceCents: 1900, stock: 15, options: ['Paperback'] },
    ],
  },
  {
    collection: 'books',
    title: 'Walking the Rota Vicentina',
    description: 'A guide to the coastal trails of the south-west.',
    vatRate: 6,
    variants: [{ sku: 'BOOK-ROTA', priceCents: 1650, stock: 9 }],
  },
  {
    collection: 'books',
    title: 'Azulejos: a history in tiles',
    description: 'Five centuries of Portuguese tiles, richly illustrated.',
    vatRate: 6,
    variants: [{ sku: 'BOOK-AZUL', priceCents: 4500, stock: 2 }],
  },
  {
    collection: 'books',
    title: 'Fado lyrics, bilingual edition',
    description: 'Portuguese and English on facing pages.',
    vatRate: 6,
    variants: [{ sku: 'BOOK-FADO', priceCents: 1400, stock: 11 }],
  },
  {
    collection: 'books',
    title: 'Pocket Portuguese phrasebook',
    description: 'European Portuguese, with pronunciation.',
    vatRate: 6,
    variants: [{ sku: 'BOOK-PHRASE', priceCents: 890, stock: 0 }],
  },
];
