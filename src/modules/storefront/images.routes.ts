import type { FastifyInstance } from 'fastify';
import { onShopHosts } from '../../core/http/tenant-host.js';
import type { MediaService } from '../media/index.js';

/**
 * A shop's image files on its host: public, and never changing under an address (a new upload is
 * a new id), so browsers and CDNs keep them for a year. Only this shop's images resolve here.
 */
export function registerImageFiles(app: FastifyInstance, deps: { media: MediaService }) {
  app.get<{ Params: { imageId: string; file: string } }>(
    '/images/:imageId/:file',
    { ...onShopHosts, schema: { hide: true } },
    async (request, reply) => {
      const found = await deps.media.renditionFile(request.shop!.scope, request.params.imageId, request.params.file);
      if (!found)
        return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found');
      return (
        reply
          .type(found.contentType)
          .header('cache-control', 'public, max-age=31536000, immutable')
          // Public pictures: the back office (another origin, maybe another site) shows them too.
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(found.bytes)
      );
    },
  );
}
