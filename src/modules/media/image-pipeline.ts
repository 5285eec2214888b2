import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import type { VirusScanner } from '../../core/antivirus/scanner.js';
import { AppError } from '../../core/errors.js';
import type { Rendition } from './media.tables.js';

/** What a product photo may be, judged from its bytes (never from its name or declared type). */
export const acceptedImageTypes = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;

/** The widths made of every image (none wider than the upload): the theme's srcset picks. */
export const renditionWidths = [160, 320, 640, 1024, 1600] as const;
export const renditionFormats = ['avif', 'webp'] as const;

/** The upload is not a photo the shop may show, or carries a virus: refused before anything is kept. */
export class RefusedUploadError extends AppError {
  constructor(
    readonly reason: 'not_an_image' | 'infected' | 'unreadable',
    message: string,
    readonly signature?: string,
  ) {
    super('validation', message, { errors: [{ field: 'file', message }] });
  }
}

export interface PreparedImage {
  sourceType: (typeof acceptedImageTypes)[number];
  width: number;
  height: number;
  renditions: (Rendition & { data: Buffer })[];
}

/**
 * An upload becomes stored images in three steps, each a gate: its type sniffed from its bytes, an
 * anti-virus scan (S2), then `sharp` decodes it, turns it upright by its EXIF orientation and writes
 * each size as AVIF and WebP. sharp writes no metadata unless asked, so EXIF, GPS, XMP and ICC
 * comments of the camera never reach the store (sRGB pixels only).
 */
export async function prepareImage(bytes: Buffer, scanner: VirusScanner): Promise<PreparedImage> {
  const sniffed = await fileTypeFromBuffer(bytes);
  const type = acceptedImageTypes.find((t) => t === sniffed?.mime);
  // The scan comes before the type's verdict is told, so every refused file is scanned (and audited) alike.
  const verdict = await scanner.scan(bytes);
  if (!verdict.clean)
    throw new RefusedUploadError(
      'infected',
      'The file was refused: the anti-virus found ' + verdict.signature + '.',
      verdict.signature,
    );
  if (!type)
    throw new RefusedUploadError(
      'not_an_image',
      'The file is not a JPEG, PNG, WebP, AVIF or GIF image (judged by its content, not its name).',
    );
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: 50_000_000 }).metadata();
  } catch {
    throw new RefusedUploadError('unreadable', 'The image could not be read: it may be damaged.');
  }
  // EXIF orientations 5–8 turn the picture a quarter: its upright size swaps width and height.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;
  if (!width || !height) throw new RefusedUploadError('unreadable', 'The image has no size: it may be damaged.');
  const widths: number[] = renditionWidths.filter((w) => w < width);
  if (widths.length < renditionWidths.length) widths.push(Math.min(width, renditionWidths.at(-1)!));
  const renditions: PreparedImage['renditions'] = [];
  try {
    const upright = sharp(bytes, { limitInputPixels: 50_000_000 }).rotate();
    for (const w of widths)
      for (const format of renditionFormats) {
        const resized = upright.clone().resize({ width: w, withoutEnlargement: true });
        const out =
          format === 'avif'
            ? await resized.avif({ quality: 55, effort: 2 }).toBuffer({ resolveWithObject: true })
            : await resized.webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
        renditions.push({
          width: out.info.width,
          height: out.info.height,
          format,
          bytes: out.data.length,
          data: out.data,
        });
      }
  } catch {
    throw new RefusedUploadError('unreadable', 'The image could not be converted: it may be damaged.');
  }
  return { sourceType: type, width, height, renditions };
}

/** The address of one stored size of an image on its shop's host (served by the storefront). */
export const imagePath = (imageId: string, r: { width: number; format: string }) =>
  `/images/${imageId}/${r.width}.${r.format}`;

/** Where an image's files are kept: one folder per image, under the shop's. */
export const imageFolder = (shopId: string, imageId: string) => `shops/${shopId}/images/${imageId}`;
export const renditionKey = (shopId: string, imageId: string, r: { width: number; format: string }) =>
  `${imageFolder(shopId, imageId)}/${r.width}.${r.format}`;
