import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, Table, useToast } from '../../ui/ui';

type Processor = ResponseOf<'/api/v1/staff/processors', 'get'>['items'][number];
const processorsKey = ['staff', 'processors'];

/** One register entry's edit form; the server checks countries and asks for a safeguard outside the EEA. */
function EditProcessor({ p, onSaved, onCancel }: { p: Processor; onSaved: () => void; onCancel: () => void }) {
  const { t } = useI18n();
  const f = useForm(
    {
      name: p.name,
      service: p.service,
      dataShared: p.dataShared,
      countries: p.countries.join(', '),
      transferSafeguard: p.transferSafeguard ?? '',
    },
    { name: required, service: required, dataShared: required, countries: required },
    t,
  );
  const save = f.submit(async (v) => {
    await call(
      client.PUT('/api/v1/staff/processors/{id}', {
        params: { path: { id: p.id } },
        body: {
          name: v.name,
          service: v.service,
          dataShared: v.dataShared,
          countries: v.countries.split(/[\s,]+/).filter(Boolean),
          transferSafeguard: v.transferSafeguard.trim() || null,
        },
      }),
    );
    onSaved();
  });
  return (
    <form onSubmit={save} noValidate aria-label={t('processors.editLabel', { promise: p.promise })}>
      {f.formError && <Alert kind="error">{f.formError}</Alert>}
      <Field label={t('processors.name')} {...f.bind('name')} />
      <Field label={t('processors.service')} {...f.bind('service')} />
      <Field label={t('processors.dataShared')} {...f.bind('dataShared')} />
      <Field label={t('processors.countries')} hint={t('processors.countriesHint')} {...f.bind('countries')} />
      <Field label={t('processors.safeguard')} hint={t('processors.safeguardHint')} {...f.bind('transferSafeguard')} />
      <div className="actions">
        <Button type="submit" busy={f.busy}>
          {t('processors.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The processors register (R1–R9) and the Art. 30 records, for staff with the privacy role. */
export function StaffProcessors() {
  const { t } = useI18n();
  const toast = useToast();
  const queries = useQueryClient();
  const items = useQuery({
    queryKey: processorsKey,
    queryFn: async () => (await call(client.GET('/api/v1/staff/processors'))).items,
  }).data;
  const [editing, setEditing] = useState<string | null>(null);
  const current = items?.find((p) => p.id === editing);
  return (
    <>
      <h1>{t('processors.title')}</h1>
      <p>{t('processors.text')}</p>
      <Card title={t('processors.records')}>
        <p className="muted">{t('processors.recordsText')}</p>
        <div className="actions">
          <a
            className="btn btn-secondary"
            href="/api/v1/staff/privacy/records.csv"
            download="records-of-processing.csv"
          >
            {t('processors.downloadCsv')}
          </a>
          <a className="btn btn-secondary" href="/api/v1/staff/privacy/records" download="records-of-processing.json">
            {t('processors.downloadJson')}
          </a>
        </div>
      </Card>
      {current && (
        <Card title={t('processors.editLabel', { promise: current.promise })}>
          <EditProcessor
            p={current}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              toast(t('processors.saved'));
              void queries.invalidateQueries({ queryKey: processorsKey });
            }}
          />
        </Card>
      )}
      <Card>
        {items ? (
          <Table
            caption={t('processors.title')}
            head={[
              '',
              t('processors.name'),
              t('processors.service'),
              t('processors.countries'),
              t('processors.safeguard'),
              '',
            ]}
            rows={items.map((p) => [
              p.promise,
              p.name,
              p.service,
              p.countries.join(', '),
              p.transferSafeguard ?? '—',
              <Button
                key={p.id}
                variant="secondary"
                aria-label={t('processors.editLabel', { promise: p.promise })}
                onClick={() => setEditing(p.id)}
              >
                {t('processors.edit')}
              </Button>,
            ])}
          />
        ) : (
          <p>{t('common.loading')}</p>
        )}
      </Card>
    </>
  );
}
