import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import { retentionRules } from '../../core/privacy/retention-rules.js';
import { purposes, recipients, storageRegions } from '../../core/privacy/vocabulary.js';
import type { AuthGuards } from '../auth/auth.guards.js';

const Column = z.union([
  z.object({
    personal: z.literal(true), category: z.string(), key: z.string(), purposes: z.array(z.string()).readonly(), basis: z.string(),
    retention: z.string(), regions: z.array(z.string()).readonly(), recipients: z.array(z.string()).readonly(), identifier: z.boolean(),
    export: z.enum(['include', 'omit']), description: z.string().optional(),
  }),
  z.object({ personal: z.literal(false), why: z.string() }),
]);

const DataMapResponse = z.object({
  tables: z.record(z.string(), z.object({
    description: z.string(),
    subject: z.string().optional(),
    owner: z.union([z.object({ column: z.string() }), z.object({ via: z.string(), to: z.string() })]).optional(),
    columns: z.record(z.string(), Column),
  })),
  retentionRules: z.record(z.string(), z.string()),
  purposes: z.record(z.string(), z.string()),
  recipients: z.record(z.string(), z.object({ promise: z.string(), label: z.string() })),
  storageRegions: z.record(z.string(), z.object({ label: z.string(), countries: z.array(z.string()) })),
});

export function registerPrivacyRoutes(app: FastifyInstance, deps: { dataMap: DataMap; guards: AuthGuards }) {
  typed(app).get('/api/v1/privacy/data-map', {
    preHandler: deps.guards.requireStaff(),
    schema: { tags: ['privacy'], summary: 'Every column of every table, classified (staff only)', response: { 200: DataMapResponse, ...problems(401, 403) } },
  }, async () => ({
    tables: deps.dataMap.tables,
    retentionRules: { ...retentionRules },
    purposes: { ...purposes },
    recipients: Object.fromEntries(Object.entries(recipients).map(([k, v]) => [k, { ...v }])),
    storageRegions: Object.fromEntries(Object.entries(storageRegions).map(([k, v]) => [k, { label: v.label, countries: [...v.countries] }])),
  }));
}
