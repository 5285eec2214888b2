import { useQuery } from '@tanstack/react-query';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Card, Table } from '../../ui/ui';

interface Item { table: string; column: string; key: string; description: string | null; purposes: string[]; basis: string; retention: string; source: 'subject' | 'usage' }
interface Policy {
  version: string; controller: { name: string; contact: string };
  collected: { subject: string; label: string; categories: { category: string; items: Item[] }[] }[];
  purposes: { id: string; text: string }[];
  recipients: { id: string; name: string; service: string; dataShared: string; countries: string[]; transferSafeguard: string | null }[];
  storage: { area: string; countries: string[] }[];
  retention: { rule: string; text: string; keys: string[] }[];
  cookies: { name: string; category: string; purpose: string; lifetime: string }[];
  rights: { id: string; right: string; how: string }[];
  complaint: { authority: string; url: string; odr: string };
  automatedDecisions: string;
}

/** The public privacy policy, rendered from the generated model (the data itself is in English). */
export function PrivacyPolicy() {
  const { t } = useI18n();
  // The route declares no response schema yet, so its generated type is an open object.
  const policy = (useQuery({ queryKey: ['privacy-policy'], queryFn: () => call(client.GET('/api/v1/privacy/policy')) }).data ?? null) as Policy | null;
  if (!policy) return <><h1>{t('privacyPolicy.title')}</h1><p>{t('common.loading')}</p></>;
  const purposeText = new Map(policy.purposes.map((p) => [p.id, p.text]));
  return (
    <>
      <h1>{t('privacyPolicy.title')}</h1>
      <p className="lead">{t('policy.intro')}</p>
      <p className="muted">{t('policy.version', { version: policy.version })}</p>
      <Card title={t('policy.controller')}><p>{policy.controller.name} — <a href={`mailto:${policy.controller.contact}`}>{policy.controller.contact}</a></p></Card>
      <Card title={t('policy.collected')}>
        {policy.collected.map((s) => (
          <section key={s.subject}>
            <h3>{s.label}</h3>
            {s.categories.map((c) => (
              <Table key={c.category} caption={`${s.label}: ${c.category}`} head={[`${t('policy.data')} (${c.category})`, t('policy.purposes'), t('policy.basis'), t('policy.kept'), t('policy.source')]}
                rows={c.items.map((i) => [
                  <span key="k"><code>{i.key}</code>{i.description ? <span className="muted"> — {i.description}</span> : null}<br /><span className="muted">{i.table}.{i.column}</span></span>,
                  i.purposes.map((p) => purposeText.get(p) ?? p).join('; '), i.basis, i.retention, t(i.source === 'usage' ? 'policy.source.usage' : 'policy.source.subject'),
                ])} />
            ))}
          </section>
        ))}
      </Card>
      <Card title={t('policy.recipients')}>
        <Table caption={t('policy.recipients')} head={[t('policy.data'), t('policy.purposes'), t('policy.countries'), t('policy.safeguard')]}
          rows={policy.recipients.map((r) => [<span key="n"><strong>{r.name}</strong><br />{r.dataShared}</span>, r.service, r.countries.join(', '), r.transferSafeguard ?? '—'])} />
      </Card>
      <Card title={t('policy.storage')}>
        <ul>{policy.storage.map((s) => <li key={s.area}>{s.area}: {s.countries.join(', ')}</li>)}</ul>
      </Card>
      <Card title={t('policy.retention')}>
        <ul>{policy.retention.map((r) => <li key={r.rule}><strong>{r.text}</strong> <span className="muted">({r.keys.join(', ')})</span></li>)}</ul>
      </Card>
      <Card title={t('policy.cookies')}>
        <Table caption={t('policy.cookies')} head={[t('policy.cookie'), t('policy.category'), t('policy.purposes'), t('policy.lifetime')]}
          rows={policy.cookies.map((c) => [<code key="c">{c.name}</code>, c.category, c.purpose, c.lifetime])} />
      </Card>
      <Card title={t('policy.rights')}>
        <p>{t('policy.rightsText')}</p>
        <ul>{policy.rights.map((r) => <li key={r.id}><strong>{r.right}.</strong> {r.how}</li>)}</ul>
        <h3>{t('policy.complaint')}</h3>
        <p>{t('policy.complaintText', { authority: policy.complaint.authority, url: policy.complaint.url, odr: policy.complaint.odr })}</p>
        <h3>{t('policy.automated')}</h3>
        <p>{policy.automatedDecisions}</p>
      </Card>
    </>
  );
}
