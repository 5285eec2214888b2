import { defineModule } from '../../core/module.js';
import type { AuthGuards } from '../auth/index.js';
import { mailTables } from './mail.privacy.js';
import { registerMailRoutes } from './mail.routes.js';

/**
 * The outbox's pages: a customer's emails and the staff console's outbox. The outbox itself, and its
 * table, are the platform's machinery (src/core/mail), since every module sends mail.
 */
export const mailModule = defineModule<Record<never, never>>()({
  name: 'mail',
  uses: [],
  routeUses: ['guards'],
  dataMap: mailTables,
  create: () => ({}),
  routes: (app, s: { guards: AuthGuards }, kit) =>
    registerMailRoutes(app, { outbox: kit.mailer, guards: s.guards, audit: kit.audit }),
});
