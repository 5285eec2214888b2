import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { VirusScanner } from './antivirus/scanner.js';
import type { AuditLog } from './audit/audit-log.js';
import type { Clock } from './clock.js';
import type { ChangeFeed } from './db/change-feed.js';
import type { Config } from './config.js';
import type { FileStore } from './files/file-store.js';
import type { FieldCipher } from './crypto/field-encryption.js';
import type { JobHandler, JobQueue } from './jobs/job-queue.js';
import type { Outbox } from './mail/outbox.js';
import type { PaymentGateway } from './payments/gateway.js';
import type { DataMap, TableDeclarations } from './privacy/data-map.js';
import type { PrivacyEngine } from './privacy/engine.js';

/** The platform's machinery, handed to every module; `db` sees the module's own tables only. */
export interface ModuleKit<Tables> {
  db: Kysely<Tables>;
  config: Config;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  /** Cross-process notices that cached data changed (NOTIFY/LISTEN). */
  changes: ChangeFeed;
  mailer: Outbox;
  payments: PaymentGateway;
  /** Uploaded files (a shop's under shops/<shopId>/). */
  files: FileStore;
  /** Anti-virus for uploads: nothing is stored before it says clean. */
  scanner: VirusScanner;
  cipher: FieldCipher;
  hashKey: Buffer;
  privacy: PrivacyEngine;
  dataMap: DataMap;
  onError: (err: unknown) => void;
}

/**
 * What a module is, in one object: its name, its tables (their types, and their data-map
 * declarations), the services it builds from the machinery and from the services of the modules it
 * uses, its job handlers and its routes. Adding a module is a folder and one line in
 * `src/module-list.ts`.
 */
export interface ModuleManifest<Name extends string, Tables, Needs, Services extends object, RouteNeeds = Services> {
  name: Name;
  /** Names of the services `create` takes: they must come from modules listed earlier. */
  uses: readonly string[];
  /** Names of the services `routes` takes besides the module's own (any module may provide them). */
  routeUses?: readonly string[];
  dataMap: TableDeclarations;
  create(kit: ModuleKit<Tables>, needs: Needs): Services;
  jobs?(services: Services): Record<string, JobHandler>;
  /** Jobs that recur: each runs once per `everyMs` across every app server (see JobQueue.every). */
  schedules?(services: Services, kit: ModuleKit<Tables>): Record<string, { everyMs: number; run: JobHandler }>;
  /** `services`: the module's own services and those named in `routeUses`. */
  routes?(app: FastifyInstance, services: RouteNeeds, kit: ModuleKit<Tables>): void;
  /** Carries the tables' types to the platform's schema type; never set at run time. */
  readonly tables?: Tables;
}

/** `defineModule<MyTables>()({ … })`: fixes the tables' type, infers the rest. */
export function defineModule<Tables>() {
  return <const Name extends string, Needs, Services extends object, RouteNeeds = Services>(
    manifest: Omit<ModuleManifest<Name, Tables, Needs, Services, RouteNeeds>, 'tables'>,
  ): ModuleManifest<Name, Tables, Needs, Services, RouteNeeds> => manifest;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

export type AnyModule = ModuleManifest<string, any, any, object, any>;

/** Every service of a list of modules, by name. */
export type ServicesOf<L extends readonly AnyModule[]> = UnionToIntersection<ReturnType<L[number]['create']>>;
/** Every table of a list of modules. */
export type TablesOf<L extends readonly AnyModule[]> = UnionToIntersection<NonNullable<L[number]['tables']>>;

/**
 * Builds the modules in order. A module whose `uses` names a service that no earlier module built
 * is refused here, at start-up, with the module and the service named.
 */
export function createModules<L extends readonly AnyModule[]>(
  list: L,
  kitFor: (module: AnyModule) => ModuleKit<unknown>,
): ServicesOf<L> {
  const services: Record<string, unknown> = {};
  for (const module of list) {
    const missing = module.uses.filter((name) => !(name in services));
    if (missing.length > 0)
      throw new Error(`Module ${module.name} uses ${missing.join(', ')}, which no module listed before it provides.`);
    const kit = kitFor(module);
    const built = module.create(kit, services);
    for (const [name, service] of Object.entries(built)) {
      if (name in services)
        throw new Error(`Module ${module.name} provides ${name}, which another module already provides.`);
      services[name] = service;
    }
    for (const [kind, handler] of Object.entries(module.jobs?.(built) ?? {})) kit.jobs.register(kind, handler);
    for (const [kind, { everyMs, run }] of Object.entries(module.schedules?.(built, kit) ?? {}))
      kit.jobs.every(kind, everyMs, run);
  }
  return services as ServicesOf<L>;
}

/** Registers every module's routes; their services, and the ones they name in `routeUses`, must exist. */
export function registerModuleRoutes(
  app: FastifyInstance,
  list: readonly AnyModule[],
  services: Record<string, unknown>,
  kitFor: (module: AnyModule) => ModuleKit<unknown>,
): void {
  for (const module of list) {
    if (!module.routes) continue;
    const missing = (module.routeUses ?? []).filter((name) => !(name in services));
    if (missing.length > 0)
      throw new Error(`The routes of module ${module.name} use ${missing.join(', ')}, which no module provides.`);
    module.routes(app, services, kitFor(module));
  }
}
