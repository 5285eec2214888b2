import { escapeHtml } from '../../core/html.js';

/** The page for a host that names no shop: no theme applies, since there is no shop. */

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

export const unknownShopPage = () =>
  page(
    'Shop not found',
    '<main><h1>There is no shop at this address</h1><p>Check the address, or ask the shop for its link.</p></main>',
  );
