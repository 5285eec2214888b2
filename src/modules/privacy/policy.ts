import { createHash } from 'node:crypto';
import type { DataMap, PersonalColumn } from '../../core/privacy/data-map.js';
import { retentionRules, type RetentionRuleId } from '../../core/privacy/retention-rules.js';
import { categories, legalBases, purposes, storageRegions, type Subject } from '../../core/privacy/vocabulary.js';

export interface Processor {
  id: string; promise: string; name: string; service: string; dataShared: string; countries: string[]; transferSafeguard: string | null;
}

/** EEA member states: storage elsewhere needs a recorded safeguard. */
export const eeaCountries = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU',
  'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO']);

/** Cookies the platform sets. Statistical and marketing ones do not exist yet, so none are listed. */
export const platformCookies = [
  { name: 'sr_session', category: 'necessary', purpose: 'Keeps a merchant signed in to the customer area', lifetime: 'Until sign-out, at most 14 days' },
  { name: 'sr_staff_session', category: 'necessary', purpose: 'Keeps a staff member signed in to the staff console', lifetime: 'Until sign-out, at most 14 days' },
  { name: 'sr_device', category: 'necessary', purpose: 'Shows that this browser signed in to your account before, so failed attempts elsewhere do not lock you out (it holds your account number, signed, no email)', lifetime: '90 days' },
  { name: 'sr_staff_device', category: 'necessary', purpose: 'The same for a staff member signing in to the staff console', lifetime: '90 days' },
  { name: 'sr_consent', category: 'necessary', purpose: 'Remembers your cookie choice (and nothing else)', lifetime: '30 days, then we ask again' },
] as const;

const subjectLabels: Record<Subject, string> = {
  customer: 'Customers (merchants who hold an account)', user: 'Users of a customer\'s account', shopper: 'Shoppers of hosted shops',
  affiliate: 'Affiliates', visitor: 'Visitors of our sites', caller: 'Callers to our call centre', staff: 'Our staff',
};

export interface PolicyItem {
  table: string; column: string; key: string; description: string | null; purposes: string[]; basis: string;
  retention: RetentionRuleId; recipients: string[]; source: 'subject' | 'usage';
}

export interface PolicyModel {
  version: string;
  controller: { name: string; contact: string };
  collected: { subject: Subject; label: string; categories: { category: string; items: PolicyItem[] }[] }[];
  purposes: { id: string; text: string }[];
  legalBases: string[];
  recipients: (Processor & { outsideEea: boolean })[];
  storage: { area: string; countries: string[] }[];
  retention: { rule: RetentionRuleId; text: string; keys: string[] }[];
  cookies: typeof platformCookies;
  rights: { id: string; right: string; how: string }[];
  complaint: { authority: string; url: string; odr: string };
  automatedDecisions: string;
}

/**
 * The privacy policy as data, generated from the data map, the processors register and the
 * retention rules, so it says what the code does. Staff (the platform's own staff) are covered
 * by an internal notice, not the public policy.
 */
export function buildPolicy(map: DataMap, processors: Processor[]): PolicyModel {
  const bySubject = new Map<Subject, Map<string, PolicyItem[]>>();
  const retention = new Map<RetentionRuleId, Set<string>>();
  for (const [table, decl] of Object.entries(map.tables)) {
    if (!decl.subject || decl.subject === 'staff') continue;
    for (const [column, c] of Object.entries(decl.columns)) {
      if (!c.personal) continue;
      const col = c as PersonalColumn;
      const cats = bySubject.get(decl.subject) ?? new Map<string, PolicyItem[]>();
      bySubject.set(decl.subject, cats);
      const items = cats.get(col.category) ?? [];
      cats.set(col.category, items);
      items.push({
        table, column, key: col.key, description: col.description ?? null, purposes: [...col.purposes], basis: col.basis,
        retention: col.retention, recipients: [...col.recipients], source: col.source,
      });
      const keys = retention.get(col.retention) ?? new Set<string>();
      keys.add(col.key);
      retention.set(col.retention, keys);
    }
  }
  const collected = [...bySubject.entries()].map(([subject, cats]) => ({
    subject, label: subjectLabels[subject],
    categories: categories.filter((c) => cats.has(c)).map((category) => ({ category, items: cats.get(category)! })),
  }));
  const model: Omit<PolicyModel, 'version'> = {
    controller: { name: 'SellRocket', contact: 'privacy@sellrocket.example' },
    collected,
    purposes: Object.entries(purposes).map(([id, text]) => ({ id, text })),
    legalBases: [...legalBases],
    recipients: processors.map((p) => ({ ...p, outsideEea: p.countries.some((c) => !eeaCountries.has(c)) })),
    storage: Object.values(storageRegions).map((r) => ({ area: r.label, countries: [...r.countries] })),
    retention: [...retention.entries()].map(([rule, keys]) => ({ rule, text: retentionRules[rule], keys: [...keys].sort() })),
    cookies: platformCookies,
    rights: [
      { id: 'D1', right: 'Access: a copy of your data and how it is used', how: 'See it in your customer area; ask for the full report by writing to us.' },
      { id: 'D2', right: 'Rectification', how: 'Change your details in the Account section of your customer area.' },
      { id: 'D3', right: 'Restriction of processing', how: 'Write to us; we tell you before a restriction is lifted.' },
      { id: 'D4', right: 'Portability: your data in JSON and CSV', how: 'Write to us.' },
      { id: 'D5', right: 'Erasure, except what invoices must keep by law', how: 'Write to us.' },
      { id: 'D6', right: 'Complaint to the supervisory authority', how: 'See below.' },
      { id: 'D7', right: 'Formal documents we hold (invoices, terms accepted, conversations)', how: 'Included in the access report.' },
      { id: 'M2', right: 'Withdraw marketing consent at any time', how: 'One click in the Privacy section of your customer area.' },
    ],
    complaint: { authority: 'Comissão Nacional de Proteção de Dados (CNPD)', url: 'https://www.cnpd.pt', odr: 'https://ec.europa.eu/consumers/odr' },
    automatedDecisions: 'None: no decision that affects you is taken by automated means alone.',
  };
  const version = createHash('sha256').update(JSON.stringify(model)).digest('hex').slice(0, 12);
  return { version, ...model };
}

/** Art. 30 records: the controller record (our own customers, users, visitors…) and the processor record (shoppers). */
export function buildRecordsOfProcessing(map: DataMap, processors: Processor[]) {
  const byId = new Map(processors.map((p) => [p.id, p]));
  const rows: { record: 'controller' | 'processor'; subject: string; table: string; column: string; key: string; category: string;
    purposes: string; basis: string; retention: string; recipients: string; countries: string; safeguards: string }[] = [];
  for (const [table, decl] of Object.entries(map.tables)) {
    if (!decl.subject) continue;
    for (const [column, c] of Object.entries(decl.columns)) {
      if (!c.personal) continue;
      const recips = c.recipients.map((r) => byId.get(r)).filter((p): p is Processor => Boolean(p));
      const countries = [...new Set(recips.flatMap((p) => p.countries))].sort();
      rows.push({
        record: decl.subject === 'shopper' ? 'processor' : 'controller', subject: decl.subject, table, column, key: c.key, category: c.category,
        purposes: c.purposes.join('; '), basis: c.basis, retention: retentionRules[c.retention], recipients: recips.map((p) => p.name).join('; '),
        countries: countries.join('; '),
        safeguards: [...new Set(recips.filter((p) => p.transferSafeguard).map((p) => `${p.name}: ${p.transferSafeguard}`))].join('; '),
      });
    }
  }
  return { controller: rows.filter((r) => r.record === 'controller'), processor: rows.filter((r) => r.record === 'processor') };
}
