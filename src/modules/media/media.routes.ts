import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, validationError } from '../../core/errors.js';
import { problems, typed } from '../../core/http/types.js';
import { customerOf, type AuthGuards } from '../auth/index.js';
import type { ShopsService } from '../shops/index.js';
import type { MediaService } from './media.service.js';

const ProductParams = z.object({ shopId: z.string().max(64), productId: z.string().max(64) });
const ImageParams = ProductParams.extend({ imageId: z.string().max(64) });
const Alt = z.string().trim().max(500);

export const ImageResponse = z.object({
  id: z.string(),
  productId: z.string(),
  position: z.number().int(),
  alt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  sourceType: z.string(),
  renditions: z.array(
    z.object({
      width: z.number().int(),
      height: z.number().int(),
      format: z.enum(['webp', 'avif']),
      bytes: z.number().int(),
    }),
  ),
  createdAt: z.string(),
});

/** The upload's file and its alt text from a multipart body, the file held to the size limit. */
async function readUpload(request: FastifyRequest, limitBytes: number): Promise<{ bytes: Buffer; alt: string }> {
  if (!request.isMultipart())
    throw new AppError('unsupported_media_type', 'Send the image as multipart/form-data with a field named file.');
  let bytes: Buffer | null = null;
  let alt = '';
  try {
    for await (const part of request.parts({
      limits: { fileSize: limitBytes, files: 1, fields: 4, fieldSize: 4096 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer();
          continue;
        }
        bytes = await part.toBuffer();
      } else if (part.fieldname === 'alt') {
        const parsed = Alt.safeParse(part.value);
        if (!parsed.success) throw validationError([{ field: 'alt', message: 'At most 500 characters.' }]);
        alt = parsed.data;
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('too_large', `The file is larger than ${Math.floor(limitBytes / 1024 / 1024)} MB.`, {
        errors: [{ field: 'file', message: `At most ${Math.floor(limitBytes / 1024 / 1024)} MB.` }],
      });
    throw e;
  }
  if (!bytes || bytes.length === 0) throw validationError([{ field: 'file', message: 'Attach an image file.' }]);
  return { bytes, alt };
}

/** The merchant's API for product images (the storefront serves their files: storefront/images.routes.ts). */
export function registerMediaRoutes(
  app: FastifyInstance,
  deps: { media: MediaService; shops: ShopsService; guards: AuthGuards; uploadLimitBytes: number },
) {
  const tags = ['catalogue'];
  const preHandler = deps.guards.customer('shops');
  const scopeOf = (request: Parameters<typeof customerOf>[0], shopId: string) =>
    deps.shops.shopScopeFor(customerOf(request).accountId, shopId);

  // Multipart bodies are taken by this route alone (its own plugin context): everywhere else a
  // multipart post is a body no schema accepts.
  void app.register(async (scoped) => {
    await scoped.register(multipart, { limits: { fileSize: deps.uploadLimitBytes, files: 1 } });
    typed(scoped).post(
      '/api/v1/shops/:shopId/products/:productId/images',
      {
        preHandler,
        // The file is read inside the handler, held to the limit; the router's own limit leaves room for it.
        bodyLimit: deps.uploadLimitBytes + 64 * 1024,
        schema: {
          tags,
          summary: 'Add an image to a product (multipart/form-data: file, alt); scanned, resized, metadata stripped',
          consumes: ['multipart/form-data'],
          params: ProductParams,
          response: { 201: ImageResponse, ...problems(401, 404, 413, 415, 422, 503) },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request, request.params.shopId);
        const read = () => readUpload(request, deps.uploadLimitBytes);
        return reply.code(201).send(await deps.media.addImage(request.ctx, scope, request.params.productId, read));
      },
    );
    typed(scoped).put(
      '/api/v1/shops/:shopId/logo',
      {
        preHandler,
        bodyLimit: deps.uploadLimitBytes + 64 * 1024,
        schema: {
          tags: ['shops'],
          summary: 'Set the shop’s logo (multipart/form-data: file); scanned, resized, metadata stripped',
          consumes: ['multipart/form-data'],
          params: z.object({ shopId: z.string().max(64) }),
          response: { 204: z.null(), ...problems(401, 404, 413, 415, 422, 503) },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request, request.params.shopId);
        const { bytes } = await readUpload(request, deps.uploadLimitBytes);
        await deps.media.setLogo(request.ctx, scope, bytes);
        return reply.code(204).send(null);
      },
    );
  });

  typed(app).delete(
    '/api/v1/shops/:shopId/logo',
    {
      preHandler,
      schema: {
        tags: ['shops'],
        summary: 'Remove the shop’s logo',
        params: z.object({ shopId: z.string().max(64) }),
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request, request.params.shopId);
      await deps.media.removeLogo(request.ctx, scope);
      return reply.code(204).send(null);
    },
  );

  const r = typed(app);
  r.get(
    '/api/v1/shops/:shopId/products/:productId/images',
    {
      preHandler,
      schema: {
        tags,
        summary: 'A product’s images, in their order',
        params: ProductParams,
        response: { 200: z.object({ items: z.array(ImageResponse) }), ...problems(401, 404) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      return { items: await deps.media.listImages(scope, request.params.productId) };
    },
  );

  r.patch(
    '/api/v1/shops/:shopId/products/:productId/images/:imageId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Change an image’s alt text, or move it among the product’s images (position from 1)',
        params: ImageParams,
        body: z.object({ alt: Alt.optional(), position: z.number().int().min(1).max(1000).optional() }),
        response: { 200: ImageResponse, ...problems(401, 404, 422) },
      },
    },
    async (request) => {
      const scope = await scopeOf(request, request.params.shopId);
      return deps.media.updateImage(request.ctx, scope, request.params.productId, request.params.imageId, request.body);
    },
  );

  r.delete(
    '/api/v1/shops/:shopId/products/:productId/images/:imageId',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Remove an image (its files follow)',
        params: ImageParams,
        response: { 204: z.null(), ...problems(401, 404) },
      },
    },
    async (request, reply) => {
      const scope = await scopeOf(request, request.params.shopId);
      await deps.media.removeImage(request.ctx, scope, request.params.productId, request.params.imageId);
      return reply.code(204).send(null);
    },
  );
}
