import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { typed } from '../../core/http/types.js';
import { countryLanguageOf, countryLanguages, listCountries } from './countries.js';

const CountriesResponse = z.object({
  lang: z.enum(countryLanguages),
  items: z.array(z.object({ code: z.string().length(2), name: z.string() })),
});

/** The country select of the sign-up and account forms: codes the address check accepts, named in the reader's language. */
export function registerCountryRoutes(app: FastifyInstance) {
  typed(app).get(
    '/api/v1/countries',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Countries (ISO 3166-1 alpha-2) with their names in a language, sorted by name',
        querystring: z.object({
          lang: z.string().max(35).optional().describe('BCP 47 tag, e.g. pt-PT; English when not spoken'),
        }),
        response: { 200: CountriesResponse },
      },
    },
    async (request, reply) => {
      const lang = countryLanguageOf(request.query.lang);
      reply.header('cache-control', 'public, max-age=86400');
      return { lang, items: listCountries(lang) };
    },
  );
}
