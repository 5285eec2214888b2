import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Card } from '../../ui/ui';

interface Link {
  href: string;
  text: string;
}
interface Use {
  where: string;
  kinds: string[];
  purposes: string[];
  basis: string;
  kept: string;
  from: string[];
}
interface Kind {
  key: string;
  label: string;
  description: string;
}
interface AnnexRow {
  table: string;
  column: string;
  records: string;
  subject: string;
  key: string;
  label: string;
  category: string;
  purposes: string[];
  basis: string;
  retention: string;
  recipients: string[];
  source: string;
  note: string | null;
}
type Section =
  | 'controller'
  | 'collected'
  | 'sources'
  | 'recipients'
  | 'retention'
  | 'rights'
  | 'complaint'
  | 'marketing'
  | 'cookies'
  | 'security'
  | 'automated'
  | 'changes'
  | 'annex';
interface Policy {
  version: string;
  language: string;
  title: string;
  intro: string[];
  headings: Record<Section | 'contents', string>;
  fields: {
    uses: string;
    why: string;
    basis: string;
    kept: string;
    from: string;
    receives: string;
    receivesAll: string;
    receivesNothing: string;
    storedIn: string;
    safeguard: string;
    appliesTo: string;
  };
  controller: { text: string[] };
  collectedIntro: string[];
  collected: {
    subject: string;
    label: string;
    intro: string;
    categories: { category: string; label: string; description: string; kinds: Kind[]; uses: Use[] }[];
  }[];
  sources: string[];
  recipientsIntro: string;
  recipients: {
    id: string;
    name: string;
    role: string;
    company: string | null;
    countryNames: string[];
    safeguardText: string;
    receives: string[];
    receivesAll: boolean;
  }[];
  storageIntro: string;
  storage: { area: string; countryNames: string[] }[];
  retentionIntro: string;
  retention: { rule: string; label: string; text: string; kinds: string[] }[];
  legalBasesIntro: string;
  legalBases: { id: string; label: string; text: string }[];
  rightsIntro: string[];
  rights: { id: string; right: string; how: string; links: Link[] }[];
  howToUse: string[];
  requestLinks: Link[];
  complaint: { text: string[] };
  marketing: string[];
  cookiesIntro: string[];
  cookieHead: string[];
  cookies: { name: string; category: string; purpose: string; lifetime: string }[];
  security: string[];
  automatedDecisions: string;
  changes: string;
  annex: { intro: string; head: string[]; rows: AnnexRow[] };
}

const readingOrder: Section[] = [
  'controller',
  'collected',
  'sources',
  'recipients',
  'retention',
  'rights',
  'marketing',
  'cookies',
  'security',
  'automated',
  'changes',
];

/** Turns the addresses and emails inside a sentence into links. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s,;]+[^\s,;.]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 0 ? (
          <Fragment key={i}>{p}</Fragment>
        ) : (
          <a key={i} href={p.includes('@') && !p.startsWith('http') ? `mailto:${p}` : p}>
            {p}
          </a>
        ),
      )}
    </>
  );
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

const Paragraphs = ({ texts }: { texts: string[] }) => (
  <>
    {texts.map((t) => (
      <p key={t}>
        <Linked text={t} />
      </p>
    ))}
  </>
);

function PolicySection({ id, title, children }: { id: Section; title: string; children: ReactNode }) {
  return (
    <section className="card" id={`policy-${id}`} aria-labelledby={`policy-${id}-title`}>
      <h2 id={`policy-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

// Lists sit inside cards: a smaller indent leaves the words room on a 375 px screen.
const compact = { paddingLeft: '1.1rem' };

function DataCategory({
  category: c,
  fields: f,
}: {
  category: Policy['collected'][number]['categories'][number];
  fields: Policy['fields'];
}) {
  return (
    <>
      <h4>{c.label}</h4>
      <p className="muted">{c.description}</p>
      <ul style={compact}>
        {c.kinds.map((k) => (
          <li key={k.key}>
            <strong>{k.label}</strong>: {k.description}
          </li>
        ))}
      </ul>
      <p>
        <em>{f.uses}</em>
      </p>
      <ul style={compact}>
        {c.uses.map((u) => (
          <li key={u.where + u.basis + u.kept}>
            <strong>{u.where}</strong> ({u.kinds.join(', ')}): {u.purposes.join('; ')}.{' '}
            <span className="muted">
              {f.basis}: {u.basis}. {f.kept}: {u.kept}. {f.from}: {u.from.join('; ')}.
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The public privacy policy, as the server writes it in the page's language: sections in the order
 * people look for them, then the column-level technical annex, folded away.
 */
export function PrivacyPolicy() {
  const { t, locale } = useI18n();
  const lang = locale === 'pt-PT' ? 'pt-PT' : 'en';
  const policy =
    useQuery({
      queryKey: ['privacy-policy', lang],
      queryFn: () => call(client.GET('/api/v1/privacy/policy', { params: { query: { lang } } })) as Promise<Policy>,
    }).data ?? null;
  if (!policy || policy.language !== locale)
    return (
      <>
        <h1>{t('privacyPolicy.title')}</h1>
        <p>{t('common.loading')}</p>
      </>
    );
  const { headings: h, fields: f } = policy;
  return (
    <div lang={policy.language}>
      <h1>{policy.title}</h1>
      {policy.intro.map((p) => (
        <p className="lead" key={p}>
          {p}
        </p>
      ))}
      <nav aria-label={h.contents} className="card">
        <ol>
          {readingOrder.map((s) => (
            <li key={s}>
              <a href={`#policy-${s}`}>{h[s]}</a>
            </li>
          ))}
          <li>
            <a href="#policy-annex">{h.annex}</a>
          </li>
        </ol>
      </nav>

      <PolicySection id="controller" title={h.controller}>
        <Paragraphs texts={policy.controller.text} />
      </PolicySection>

      <PolicySection id="collected" title={h.collected}>
        <Paragraphs texts={policy.collectedIntro} />
        <p>{policy.legalBasesIntro}</p>
        <ul>
          {policy.legalBases.map((b) => (
            <li key={b.id}>
              <strong>{capitalised(b.label)}</strong>: {b.text}.
            </li>
          ))}
        </ul>
        {policy.collected.map((s) => (
          // Layered: each reader opens the part about them; the summary says whom it is about.
          <details
            key={s.subject}
            className="policy-person"
            id={`policy-person-${s.subject}`}
            style={{ margin: '.75rem 0' }}
          >
            <summary>
              <h3 style={{ display: 'inline' }}>{s.label}</h3>
            </summary>
            <p>{s.intro}</p>
            {s.categories.map((c) => (
              <DataCategory key={c.category} category={c} fields={f} />
            ))}
          </details>
        ))}
      </PolicySection>

      <PolicySection id="sources" title={h.sources}>
        <Paragraphs texts={policy.sources} />
      </PolicySection>

      <PolicySection id="recipients" title={h.recipients}>
        <p>{policy.recipientsIntro}</p>
        <ul>
          {policy.recipients.map((r) => (
            <li key={r.id}>
              <strong>{r.role}</strong>
              {r.company ? ` (${r.company})` : ''}. {f.receives}:{' '}
              {r.receivesAll ? f.receivesAll : r.receives.length > 0 ? r.receives.join(', ') : f.receivesNothing}.{' '}
              {f.storedIn}: {r.countryNames.join(', ')}. {f.safeguard}: {r.safeguardText}.
            </li>
          ))}
        </ul>
        <p>{policy.storageIntro}</p>
        <ul>
          {policy.storage.map((s) => (
            <li key={s.area}>
              {s.area}: {s.countryNames.join(', ')}
            </li>
          ))}
        </ul>
      </PolicySection>

      <PolicySection id="retention" title={h.retention}>
        <p>{policy.retentionIntro}</p>
        <ul>
          {policy.retention.map((r) => (
            <li key={r.rule}>
              <strong>{capitalised(r.label)}</strong>: {r.text}{' '}
              <span className="muted">
                {f.appliesTo}: {r.kinds.join(', ')}.
              </span>
            </li>
          ))}
        </ul>
      </PolicySection>

      <PolicySection id="rights" title={h.rights}>
        <Paragraphs texts={policy.rightsIntro} />
        <ul>
          {policy.rights.map((r) => (
            <li key={r.id}>
              <strong>{r.right}.</strong> {r.how}
              {r.links.map((l) => (
                <Fragment key={l.href}>
                  {' '}
                  <a href={l.href}>{l.text}</a>
                </Fragment>
              ))}
            </li>
          ))}
        </ul>
        <Paragraphs texts={policy.howToUse} />
        <ul>
          {policy.requestLinks.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.text}</a>
            </li>
          ))}
        </ul>
        <h3>{h.complaint}</h3>
        <Paragraphs texts={policy.complaint.text} />
      </PolicySection>

      <PolicySection id="marketing" title={h.marketing}>
        <Paragraphs texts={policy.marketing} />
      </PolicySection>

      <PolicySection id="cookies" title={h.cookies}>
        <Paragraphs texts={policy.cookiesIntro} />
        {/* A list, not a table: it wraps on a small screen instead of scrolling. */}
        <ul style={compact}>
          {policy.cookies.map((c) => (
            <li key={c.name}>
              <code>{c.name}</code>: {c.purpose}.{' '}
              <span className="muted">
                {policy.cookieHead[1]}: {c.category}. {policy.cookieHead[3]}: {c.lifetime}.
              </span>
            </li>
          ))}
        </ul>
      </PolicySection>

      <PolicySection id="security" title={h.security}>
        <ul>
          {policy.security.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </PolicySection>
      <PolicySection id="automated" title={h.automated}>
        <p>{policy.automatedDecisions}</p>
      </PolicySection>
      <PolicySection id="changes" title={h.changes}>
        <p>{policy.changes}</p>
      </PolicySection>

      <Card>
        <details id="policy-annex">
          <summary>
            <strong>{h.annex}</strong>
          </summary>
          <p>{policy.annex.intro}</p>
          {/* The annex is wide: it scrolls inside its own box, never the page. */}
          <div className="table-wrap" role="region" aria-label={h.annex} tabIndex={0}>
            <table style={{ minWidth: '56rem' }}>
              <caption className="sr-only">{h.annex}</caption>
              <thead>
                <tr>
                  {policy.annex.head.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {policy.annex.rows.map((r) => (
                  <tr key={`${r.table}.${r.column}`}>
                    <td>
                      <code>
                        {r.table}.{r.column}
                      </code>
                      <br />
                      <span className="muted">{r.records}</span>
                    </td>
                    <td>
                      {r.label}
                      <br />
                      <code>{r.key}</code> <span className="muted">({r.category})</span>
                      {r.note ? (
                        <>
                          <br />
                          <span className="muted">{r.note}</span>
                        </>
                      ) : null}
                    </td>
                    <td>{r.subject}</td>
                    <td>{r.purposes.join(', ')}</td>
                    <td>{r.basis}</td>
                    <td>{r.retention}</td>
                    <td>{r.recipients.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </Card>
    </div>
  );
}
