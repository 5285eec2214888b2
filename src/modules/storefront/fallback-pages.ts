import { escapeHtml } from '../../core/html.js';

/** HTML for a shop host until the themes arrive: plain, escaped, readable without JavaScript. */

function page(title: string, body: string, colours = { primary: '#1f4f8f', accent: '#d9480f' }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b}header{background:${colours.primary};color:#fff;padding:1rem 1.5rem}main{padding:1.5rem;max-width:60rem;margin:auto}a{color:${colours.accent}}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function shopHomePage(shop: { name: string; primary_colour: string; accent_colour: string }) {
  return page(
    shop.name,
    `<header><h1>${escapeHtml(shop.name)}</h1></header>\n<main><p>This shop has no products on sale yet.</p></main>`,
    { primary: shop.primary_colour, accent: shop.accent_colour },
  );
}

export function shopNotFoundPage(shop: { name: string; primary_colour: string; accent_colour: string }) {
  return page(
    `Not found · ${shop.name}`,
    `<header><p>${escapeHtml(shop.name)}</p></header>\n<main><h1>Page not found</h1><p><a href="/">Back to the shop</a></p></main>`,
    { primary: shop.primary_colour, accent: shop.accent_colour },
  );
}

export const unknownShopPage = () =>
  page(
    'Shop not found',
    '<main><h1>There is no shop at this address</h1><p>Check the address, or ask the shop for its link.</p></main>',
  );

/** Neutral on purpose: it says nothing of why (billing, a complaint, maintenance). */
export const unavailableShopPage = () =>
  page(
    'Temporarily unavailable',
    '<main><h1>This shop is temporarily unavailable</h1><p>Please come back later.</p></main>',
  );
