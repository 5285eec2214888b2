import sharp from 'sharp';

/**
 * A photo-like picture for each demo product, drawn here (no download, no stock photo to license):
 * a soft background in the product's own colour with a few shapes, as a PNG the upload path then
 * scans, resizes and strips like any merchant's photo.
 */
export async function demoImage(index: number, size = 800): Promise<Buffer> {
  const hue = (index * 47) % 360;
  const bg = `hsl(${hue}, 45%, 86%)`;
  const main = `hsl(${hue}, 55%, 42%)`;
  const accent = `hsl(${(hue + 40) % 360}, 60%, 62%)`;
  const shapes = [
    `<circle cx="${size * 0.5}" cy="${size * 0.52}" r="${size * 0.28}" fill="${main}"/>`,
    `<rect x="${size * 0.3}" y="${size * 0.3}" width="${size * 0.4}" height="${size * 0.44}" rx="${size * 0.04}" fill="${main}"/>`,
    `<path d="M${size * 0.2} ${size * 0.78} L${size * 0.5} ${size * 0.2} L${size * 0.8} ${size * 0.78} Z" fill="${main}"/>`,
  ];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="#ffffff"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <ellipse cx="${size * 0.5}" cy="${size * 0.86}" rx="${size * 0.3}" ry="${size * 0.04}" fill="rgba(0,0,0,0.08)"/>
    ${shapes[index % shapes.length]}
    <circle cx="${size * 0.66}" cy="${size * 0.36}" r="${size * 0.07}" fill="${accent}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
