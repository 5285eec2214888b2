import type { ShippingZone } from '../shops/index.js';

// The other member states of the European Union (Portugal has zones of its own).
const euCountries = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/**
 * The shipping zone of an address: Portuguese postal codes 9xxx-xxx are Madeira and the Azores, which
 * carriers price as islands; the rest of Portugal is the mainland.
 */
export function shippingZoneOf(address: { country: string; postalCode: string }): ShippingZone {
  const country = address.country.toUpperCase();
  if (country === 'PT') return address.postalCode.trim().startsWith('9') ? 'pt-islands' : 'pt-mainland';
  if (euCountries.has(country)) return 'eu';
  return 'world';
}
