import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problems, typed } from '../../core/http/types.js';
import type { DataMap } from '../../core/privacy/data-map.js';
import { retentionRules } from '../../core/privacy/retention-rules.js';
import { purposes, recipients, storageRegions } from '../../core/privacy/vocabulary.js';
import type { AuthGuards } from '../auth/index.js';
import { toCsv } from '../../core/csv.js';
import { policyLanguages, type PolicyLanguage } from '../../core/privacy/languages.js';
import type { Controller } from './policy-texts.js';
import { buildPolicy, buildRecordsOfProcessing } from './policy.js';
import { PolicyResponse } from './policy.schemas.js';
import type { ProcessorsService } from './processors.service.js';

const Column = z.union([
  z.object({
    personal: z.literal(true),
    category: z.string(),
    key: z.string(),
    purposes: z.array(z.string()).readonly(),
    basis: z.string(),
    retention: z.string(),
    regions: z.array(z.string()).readonly(),
    recipients: z.array(z.string()).readonly(),
    identifier: z.boolean(),
    export: z.enum(['include', 'omit']),
    source: z.enum(['subject', 'usage']),
    description: z.string().optional(),
  }),
  z.object({ personal: z.literal(false), why: z.string() }),
]);

const DataMapResponse = z.object({
  tables: z.record(
    z.string(),
    z.object({
      description: z.string(),
      subject: z.string().optional(),
      owner: z.union([z.object({ column: z.string() }), z.object({ via: z.string(), to: z.string() })]).optional(),
      columns: z.record(z.string(), Column),
    }),
  ),
  retentionRules: z.record(z.string(), z.string()),
  purposes: z.record(z.string(), z.string()),
  recipients: z.record(z.string(), z.object({ promise: z.string(), label: z.string() })),
  storageRegions: z.record(z.string(), z.object({ label: z.string(), countries: z.array(z.string()) })),
});

const ProcessorSchema = z.object({
  id: z.string(),
  promise: z.string(),
  name: z.string(),
  service: z.string(),
  dataShared: z.string(),
  countries: z.array(z.string()),
  transferSafeguard: z.string().nullable(),
});
const ProcessorBody = z.object({
  name: z.string().trim().min(1, 'Required').max(200),
  service: z.string().trim().min(1, 'Required').max(500),
  dataShared: z.string().trim().min(1, 'Required').max(500),
  countries: z.array(z.string().max(2)).max(50),
  transferSafeguard: z.string().trim().max(500).nullable(),
});

export function registerPrivacyRoutes(
  app: FastifyInstance,
  deps: {
    dataMap: DataMap;
    guards: AuthGuards;
    processors: ProcessorsService;
    /** The language for an Accept-Language header, chosen the way the consent notices choose theirs. */
    negotiateLanguage: (acceptLanguage: string | undefined) => PolicyLanguage;
    /** Who the policy names as responsible: the operator's configuration. */
    controller: Controller;
  },
) {
  const r = typed(app);

  // The public policy, as data (the web app renders it at /privacy). Generated on each request: it is
  // small, and it must never lag behind the register.
  r.get(
    '/api/v1/privacy/policy',
    {
      schema: {
        tags: ['privacy'],
        summary: 'The privacy policy, generated from the data map and the processors register',
        description:
          'In the language of `lang`, else of Accept-Language (European Portuguese for any Portuguese, else English).',
        querystring: z.object({ lang: z.enum(policyLanguages).optional() }),
        response: { 200: PolicyResponse, ...problems(422) },
      },
    },
    async (request, reply) => {
      const language = request.query.lang ?? deps.negotiateLanguage(request.headers['accept-language']);
      void reply.header('content-language', language).header('vary', 'accept-language');
      return buildPolicy(deps.dataMap, await deps.processors.list(), deps.controller, language);
    },
  );

  r.get(
    '/api/v1/staff/processors',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags: ['privacy'],
        summary: 'The processors register',
        response: { 200: z.object({ items: z.array(ProcessorSchema) }), ...problems(401, 403) },
      },
    },
    async () => ({ items: await deps.processors.list() }),
  );

  r.put(
    '/api/v1/staff/processors/:id',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags: ['privacy'],
        summary: 'Edit a processor (audited)',
        params: z.object({ id: z.string().max(64) }),
        body: ProcessorBody,
        response: { 200: ProcessorSchema, ...problems(401, 403, 404, 422) },
      },
    },
    async (request) => deps.processors.update(request.ctx, request.params.id, request.body),
  );

  const RecordRow = z.object({
    record: z.enum(['controller', 'processor']),
    subject: z.string(),
    table: z.string(),
    column: z.string(),
    key: z.string(),
    category: z.string(),
    purposes: z.string(),
    basis: z.string(),
    retention: z.string(),
    recipients: z.string(),
    countries: z.string(),
    safeguards: z.string(),
  });
  r.get(
    '/api/v1/staff/privacy/records',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: {
        tags: ['privacy'],
        summary: 'Records of processing activities (Art. 30): controller and processor records',
        response: {
          200: z.object({ controller: z.array(RecordRow), processor: z.array(RecordRow) }),
          ...problems(401, 403),
        },
      },
    },
    async () => buildRecordsOfProcessing(deps.dataMap, await deps.processors.list()),
  );

  r.get(
    '/api/v1/staff/privacy/records.csv',
    {
      preHandler: deps.guards.requireStaff('privacy'),
      schema: { tags: ['privacy'], summary: 'The same records as one CSV file', produces: ['text/csv'] },
    },
    async (_request, reply) => {
      const records = buildRecordsOfProcessing(deps.dataMap, await deps.processors.list());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="records-of-processing.csv"')
        .send(toCsv([...records.controller, ...records.processor]));
    },
  );

  r.get(
    '/api/v1/privacy/data-map',
    {
      preHandler: deps.guards.requireStaff(),
      schema: {
        tags: ['privacy'],
        summary: 'Every column of every table, classified (staff only)',
        response: { 200: DataMapResponse, ...problems(401, 403) },
      },
    },
    async () => ({
      tables: deps.dataMap.tables,
      retentionRules: { ...retentionRules },
      purposes: { ...purposes },
      recipients: Object.fromEntries(Object.entries(recipients).map(([k, v]) => [k, { ...v }])),
      storageRegions: Object.fromEntries(
        Object.entries(storageRegions).map(([k, v]) => [k, { label: v.label, countries: [...v.countries] }]),
      ),
    }),
  );
}
