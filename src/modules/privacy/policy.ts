import { createHash } from 'node:crypto';
import { dataKeys, type DataKey } from '../../core/privacy/data-keys.js';
import type { DataMap, PersonalColumn } from '../../core/privacy/data-map.js';
import {
  basisWords,
  categoryWords,
  purposeWords,
  recipientWords,
  regionWords,
  retentionWords,
  subjectWords,
} from '../../core/privacy/labels.js';
import { policyLanguages, type Localised, type PolicyLanguage } from '../../core/privacy/languages.js';
import { retentionRules, type RetentionRuleId } from '../../core/privacy/retention-rules.js';
import {
  categories,
  legalBases,
  purposes,
  recipients as recipientIds,
  storageRegions,
  subjects,
  type Purpose,
  type Recipient,
  type StorageRegion,
  type Subject,
} from '../../core/privacy/vocabulary.js';
import { complaintAuthority, placeholderController, policyTexts, type Controller } from './policy-texts.js';
import type { PolicyModel } from './policy.schemas.js';

export interface Processor {
  id: string;
  promise: string;
  name: string;
  service: string;
  dataShared: string;
  countries: string[];
  transferSafeguard: string | null;
}

/** EEA member states: storage elsewhere needs a recorded safeguard. */
export const eeaCountries = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
]);

export type { PolicyModel } from './policy.schemas.js';

const purposeIds = Object.keys(purposes) as Purpose[];
const dataKeyIds = Object.keys(dataKeys) as DataKey[];
const retentionRuleIds = Object.keys(retentionRules) as RetentionRuleId[];
const isRecipient = (id: string): id is Recipient => Object.hasOwn(recipientIds, id);

interface Column {
  table: string;
  column: string;
  subject: Subject;
  records: Localised;
  decl: PersonalColumn;
}
type Kind = PolicyModel['collected'][number]['categories'][number]['kinds'][number];
type Use = PolicyModel['collected'][number]['categories'][number]['uses'][number];

/** Every word the policy can print, in every language: part of the version, computed once. */
const wordsHash = createHash('sha256')
  .update(
    JSON.stringify([
      dataKeys,
      subjectWords,
      categoryWords,
      purposeWords,
      basisWords,
      retentionWords,
      recipientWords,
      regionWords,
      policyLanguages.map((l) => {
        const t = policyTexts[l];
        return {
          ...t,
          controller: t.controller(placeholderController),
          rights: t.rights(placeholderController),
          howToUse: t.howToUse(placeholderController),
          complaint: t.complaint(complaintAuthority),
          changes: t.changes(''),
        };
      }),
    ]),
  )
  .digest('hex');

// Building these costs more than the rest of the policy: once per language.
const countryNames = Object.fromEntries(
  policyLanguages.map((l) => [l, new Intl.DisplayNames([l], { type: 'region' })]),
) as Record<PolicyLanguage, Intl.DisplayNames>;

const inOrder = <T extends string>(order: readonly T[], present: Iterable<T>) => {
  const set = new Set(present);
  return order.filter((x) => set.has(x));
};

/**
 * The privacy policy as data, in one language, generated from the data map, the processors
 * register and the retention rules, so it says what the code does. The platform's own staff are
 * covered by an internal notice, not the public policy.
 */
export function buildPolicy(
  map: DataMap,
  processors: Processor[],
  controller: Controller,
  language: PolicyLanguage = 'en',
): PolicyModel {
  const { columns, factsHash } = publicColumns(map);
  // One version for every language: the words of all of them, and the facts they describe.
  const version = createHash('sha256')
    .update(wordsHash)
    .update(factsHash)
    .update(JSON.stringify(processors))
    .update(JSON.stringify(controller))
    .digest('hex')
    .slice(0, 12);
  return {
    ...policyIn(language, columns, processors, controller),
    version,
    changes: policyTexts[language].changes(version),
  };
}

// A platform's data map does not change while it runs: its public columns are gathered once.
const columnsOfMap = new WeakMap<DataMap, { columns: Column[]; factsHash: string }>();

function publicColumns(map: DataMap) {
  const known = columnsOfMap.get(map);
  if (known) return known;
  const columns: Column[] = Object.entries(map.tables).flatMap(([table, decl]) =>
    !decl.subject || decl.subject === 'staff'
      ? []
      : Object.entries(decl.columns).flatMap(([column, c]) =>
          c.personal
            ? [
                {
                  table,
                  column,
                  subject: decl.subject!,
                  records: decl.label ?? { en: decl.description, 'pt-PT': decl.description },
                  decl: c,
                },
              ]
            : [],
        ),
  );
  const gathered = { columns, factsHash: createHash('sha256').update(JSON.stringify(columns)).digest('hex') };
  columnsOfMap.set(map, gathered);
  return gathered;
}

function policyIn(
  lang: PolicyLanguage,
  columns: Column[],
  processors: Processor[],
  controller: Controller,
): Omit<PolicyModel, 'version'> {
  const t = policyTexts[lang];
  const countryName = countryNames[lang];
  const keyLabel = (key: DataKey) => dataKeys[key][lang][0];
  const kindsOf = (cols: Column[]): Kind[] =>
    inOrder(
      dataKeyIds,
      cols.map((c) => c.decl.key),
    ).map((key) => ({ key, label: dataKeys[key][lang][0], description: dataKeys[key][lang][1] }));
  // One use per set of records, legal basis and retention rule: what the law lets us do, and for how long, go together.
  const usesOf = (cols: Column[]): Use[] => {
    const groups = new Map<string, Column[]>();
    for (const c of cols) {
      const id = `${c.records.en}|${c.decl.basis}|${c.decl.retention}`;
      groups.set(id, [...(groups.get(id) ?? []), c]);
    }
    // The records that hold the most telling data (by the vocabulary's order: names first) come first.
    const rank = (group: Column[]) => Math.min(...group.map((c) => dataKeyIds.indexOf(c.decl.key)));
    return [...groups.values()]
      .sort((a, b) => rank(a) - rank(b))
      .map((group) => ({
        where: group[0]!.records[lang],
        kinds: inOrder(
          dataKeyIds,
          group.map((c) => c.decl.key),
        ).map(keyLabel),
        purposes: inOrder(
          purposeIds,
          group.flatMap((c) => c.decl.purposes),
        ).map((p) => purposeWords[p][lang]),
        basis: basisWords[group[0]!.decl.basis][lang][0],
        kept: retentionWords[group[0]!.decl.retention][lang][0],
        from: inOrder(
          ['subject', 'usage'] as const,
          group.map((c) => c.decl.source),
        ).map((s) => t.source[s]),
      }));
  };
  const collected = inOrder(
    subjects,
    columns.map((c) => c.subject),
  ).map((subject) => {
    const own = columns.filter((c) => c.subject === subject);
    return {
      subject,
      label: subjectWords[subject][lang][0],
      intro: subjectWords[subject][lang][1],
      categories: inOrder(
        categories,
        own.map((c) => c.decl.category),
      ).map((category) => ({
        category,
        label: categoryWords[category][lang][0],
        description: categoryWords[category][lang][1],
        kinds: kindsOf(own.filter((c) => c.decl.category === category)),
        uses: usesOf(own.filter((c) => c.decl.category === category)),
      })),
    };
  });
  const allKeys = new Set(columns.map((c) => c.decl.key));
  const recipients = processors.map((p) => {
    const keys = [
      ...new Set(columns.filter((c) => (c.decl.recipients as readonly string[]).includes(p.id)).map((c) => c.decl.key)),
    ];
    const outsideEea = p.countries.some((c) => !eeaCountries.has(c));
    return {
      ...p,
      role: isRecipient(p.id) ? recipientWords[p.id][lang] : p.name,
      // The register starts with generic English names; only a company's own name is worth printing.
      company: isRecipient(p.id) && p.name === recipientIds[p.id].label ? null : p.name,
      countryNames: p.countries.map((c) => countryName.of(c) ?? c),
      outsideEea,
      safeguardText: outsideEea ? (p.transferSafeguard ?? '—') : t.insideEea,
      receives: keys.map(keyLabel),
      receivesAll: keys.length === allKeys.size,
    };
  });
  const rules = inOrder(
    retentionRuleIds,
    columns.map((c) => c.decl.retention),
  );
  return {
    language: lang,
    title: t.title,
    intro: t.intro,
    headings: t.headings,
    fields: t.fields,
    controller: { ...controller, text: t.controller(controller) },
    collectedIntro: t.collectedIntro,
    collected,
    sources: t.sources,
    purposes: purposeIds.map((id) => ({ id, text: purposeWords[id][lang] })),
    legalBasesIntro: t.legalBasesIntro,
    legalBases: inOrder(
      legalBases,
      columns.map((c) => c.decl.basis),
    ).map((id) => ({ id, label: basisWords[id][lang][0], text: basisWords[id][lang][1] })),
    recipientsIntro: t.recipientsIntro,
    recipients,
    storageIntro: t.storageIntro,
    storage: (Object.keys(storageRegions) as StorageRegion[]).map((r) => ({
      area: regionWords[r][lang],
      countries: [...storageRegions[r].countries],
      countryNames: storageRegions[r].countries.map((c) => countryName.of(c) ?? c),
    })),
    retentionIntro: t.retentionIntro,
    retention: rules.map((rule) => {
      const keys = [...new Set(columns.filter((c) => c.decl.retention === rule).map((c) => c.decl.key))];
      return {
        rule,
        label: retentionWords[rule][lang][0],
        text: retentionWords[rule][lang][1],
        keys: [...keys].sort(),
        kinds: keys.map(keyLabel),
      };
    }),
    rightsIntro: t.rightsIntro,
    rights: t.rights(controller),
    howToUse: t.howToUse(controller),
    requestLinks: t.requestLinks,
    complaint: {
      authority: complaintAuthority.name,
      url: complaintAuthority.url,
      odr: complaintAuthority.odr,
      text: t.complaint(complaintAuthority),
    },
    marketing: t.marketing,
    cookiesIntro: t.cookiesIntro,
    cookieHead: t.cookieHead,
    cookies: t.cookies,
    security: t.security,
    automatedDecisions: t.automatedDecisions,
    changes: '',
    annex: {
      intro: t.annexIntro,
      head: t.annexHead,
      rows: columns.map(({ table, column, subject, records, decl: c }) => ({
        table,
        column,
        records: records[lang],
        subject,
        key: c.key,
        label: keyLabel(c.key),
        category: c.category,
        purposes: [...c.purposes],
        basis: c.basis,
        retention: c.retention,
        recipients: [...c.recipients],
        source: c.source,
        note: c.description ?? null,
      })),
    },
  };
}

/** Art. 30 records: the controller record (our own customers, users, visitors…) and the processor record (shoppers). */
export function buildRecordsOfProcessing(map: DataMap, processors: Processor[]) {
  const byId = new Map(processors.map((p) => [p.id, p]));
  const rows: {
    record: 'controller' | 'processor';
    subject: string;
    table: string;
    column: string;
    key: string;
    category: string;
    purposes: string;
    basis: string;
    retention: string;
    recipients: string;
    countries: string;
    safeguards: string;
  }[] = [];
  for (const [table, decl] of Object.entries(map.tables)) {
    if (!decl.subject) continue;
    for (const [column, c] of Object.entries(decl.columns)) {
      if (!c.personal) continue;
      const recips = c.recipients.map((r) => byId.get(r)).filter((p): p is Processor => Boolean(p));
      const countries = [...new Set(recips.flatMap((p) => p.countries))].sort();
      rows.push({
        record: decl.subject === 'shopper' ? 'processor' : 'controller',
        subject: decl.subject,
        table,
        column,
        key: c.key,
        category: c.category,
        purposes: c.purposes.join('; '),
        basis: c.basis,
        retention: retentionRules[c.retention],
        recipients: recips.map((p) => p.name).join('; '),
        countries: countries.join('; '),
        safeguards: [
          ...new Set(recips.filter((p) => p.transferSafeguard).map((p) => `${p.name}: ${p.transferSafeguard}`)),
        ].join('; '),
      });
    }
  }
  return {
    controller: rows.filter((r) => r.record === 'controller'),
    processor: rows.filter((r) => r.record === 'processor'),
  };
}
