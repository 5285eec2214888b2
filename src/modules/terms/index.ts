import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import { termsTables } from './terms.privacy.js';
import { registerTermsRoutes } from './terms.routes.js';
import { createTermsService, type TermsService } from './terms.service.js';
import type { TermsTables } from './terms.tables.js';

export type { TermsService } from './terms.service.js';

/** Terms of service: versioned texts and who accepted which. */
export const termsModule = defineModule<TermsTables>()({
  name: 'terms',
  uses: [],
  routeUses: ['guards'],
  dataMap: termsTables,
  create: (kit) => ({ terms: createTermsService({ db: kit.db }) }),
  routes: (app, s: { terms: TermsService; guards: AuthGuards }) => registerTermsRoutes(app, s),
});
