import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { required, useForm, type Rule } from '../../ui/form';
import { Alert, Button, Card, Field, SelectField, useToast } from '../../ui/ui';
import { centsToEuros, parseEuros, shopKey, useShop, useWords } from './shared';

type Shop = ResponseOf<'/api/v1/shops/{shopId}', 'get'>;
const zones = ['pt-mainland', 'pt-islands', 'eu', 'world'] as const;

const words = {
  en: {
    title: 'Settings',
    shop: 'The shop',
    status: 'Status',
    address: 'Address',
    currency: 'Currency',
    statuses: { active: 'Open', suspended: 'Suspended by SellRocket', closed: 'Closed' },
    details: 'Name and branding',
    name: 'Shop name',
    primary: 'Main colour',
    accent: 'Accent colour',
    colourHint: 'Used by the theme for buttons and links; keep enough contrast with white.',
    vat: 'Default VAT rate',
    vatHint: 'Products without a rate of their own use this one.',
    vatChoose: 'Choose a rate',
    shipping: 'Shipping rates (€, VAT included)',
    zones: {
      'pt-mainland': 'Mainland Portugal',
      'pt-islands': 'Azores and Madeira',
      eu: 'European Union',
      world: 'Rest of the world',
    },
    amount: 'Use an amount in euros, e.g. 4.90',
    save: 'Save settings',
    saved: 'Settings saved.',
    later: 'Logo, legal and contact details, privacy notice',
    laterText: 'These will be set here once the platform offers them.',
  },
  'pt-PT': {
    title: 'Definições',
    shop: 'A loja',
    status: 'Estado',
    address: 'Endereço',
    currency: 'Moeda',
    statuses: { active: 'Aberta', suspended: 'Suspensa pela SellRocket', closed: 'Fechada' },
    details: 'Nome e identidade',
    name: 'Nome da loja',
    primary: 'Cor principal',
    accent: 'Cor de destaque',
    colourHint: 'Usadas pelo tema em botões e ligações; mantenha contraste suficiente com o branco.',
    vat: 'Taxa de IVA predefinida',
    vatHint: 'Os produtos sem taxa própria usam esta.',
    vatChoose: 'Escolha uma taxa',
    shipping: 'Portes de envio (€, IVA incluído)',
    zones: {
      'pt-mainland': 'Portugal continental',
      'pt-islands': 'Açores e Madeira',
      eu: 'União Europeia',
      world: 'Resto do mundo',
    },
    amount: 'Indique um valor em euros, p. ex. 4,90',
    save: 'Guardar as definições',
    saved: 'Definições guardadas.',
    later: 'Logótipo, dados legais e de contacto, aviso de privacidade',
    laterText: 'Poderão ser definidos aqui quando a plataforma os oferecer.',
  },
} as const;

export function Settings() {
  const { t } = useI18n();
  const { shopId } = useParams({ from: '/account/shops/$shopId/settings' });
  const shop = useShop(shopId);
  if (!shop.data) return <p>{shop.error ? shop.error.message : t('common.loading')}</p>;
  return <SettingsForm key={shop.dataUpdatedAt} shop={shop.data} />;
}

/** The shop's name, branding colours, default VAT rate and shipping rates per zone (PATCH of the shop). */
function SettingsForm({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const rate = (zone: (typeof zones)[number]) => shop.shippingRates.find((r) => r.zone === zone)?.priceCents ?? 0;
  const money: Rule = (v) => (parseEuros(v) === null ? 'error.required' : null);
  const f = useForm(
    {
      name: shop.name,
      primaryColour: shop.branding.primaryColour.toLowerCase(),
      accentColour: shop.branding.accentColour.toLowerCase(),
      defaultVatRate: String(shop.defaultVatRate),
      'pt-mainland': centsToEuros(rate('pt-mainland')),
      'pt-islands': centsToEuros(rate('pt-islands')),
      eu: centsToEuros(rate('eu')),
      world: centsToEuros(rate('world')),
    },
    { name: required, defaultVatRate: required, 'pt-mainland': money, 'pt-islands': money, eu: money, world: money },
    t,
  );
  const save = f.submit(async (v) => {
    const saved = await call(
      client.PATCH('/api/v1/shops/{shopId}', {
        params: { path: { shopId: shop.id } },
        body: {
          name: v.name,
          defaultVatRate: Number(v.defaultVatRate) as 23 | 13 | 6 | 0,
          branding: { primaryColour: v.primaryColour, accentColour: v.accentColour },
          shippingRates: zones.map((zone) => ({ zone, priceCents: parseEuros(v[zone]) ?? 0 })),
        },
      }),
    );
    queries.setQueryData(shopKey(shop.id, 'details'), saved);
    await queries.invalidateQueries({ queryKey: ['account', 'shops'] });
    toast(w.saved);
  });
  // A rate that is not an amount says so in this page's words, not the generic "Required".
  const zoneBind = (zone: (typeof zones)[number], i: number) => {
    const b = f.bind(zone, `shippingRates.${i}.priceCents`);
    return { ...b, error: b.error === t('error.required') ? w.amount : b.error };
  };
  return (
    <>
      <h1>{w.title}</h1>
      <Card title={w.shop}>
        <dl className="facts">
          <dt>{w.status}</dt>
          <dd>
            <span className={`badge badge-${shop.status}`}>{w.statuses[shop.status]}</span>
          </dd>
          <dt>{w.address}</dt>
          <dd>
            <a href={shop.url}>{shop.url}</a>
          </dd>
          <dt>{w.currency}</dt>
          <dd>{shop.currency}</dd>
        </dl>
      </Card>
      <form onSubmit={save} noValidate>
        {f.formError && <Alert kind="error">{f.formError}</Alert>}
        <Card title={w.details}>
          <Field label={w.name} autoComplete="organization" {...f.bind('name')} />
          <div className="row">
            <Field
              label={w.primary}
              type="color"
              hint={w.colourHint}
              className="colour"
              {...f.bind('primaryColour', 'branding.primaryColour')}
            />
            <Field
              label={w.accent}
              type="color"
              className="colour"
              {...f.bind('accentColour', 'branding.accentColour')}
            />
          </div>
          <SelectField
            label={w.vat}
            placeholder={w.vatChoose}
            options={['23', '13', '6', '0'].map((r) => ({ value: r, label: `${r} %` }))}
            {...f.bind('defaultVatRate')}
          />
          <p className="field-hint">{w.vatHint}</p>
        </Card>
        <Card title={w.shipping}>
          <div className="row">
            {zones.map((zone, i) => (
              <Field key={zone} label={w.zones[zone]} inputMode="decimal" {...zoneBind(zone, i)} />
            ))}
          </div>
        </Card>
        <Button type="submit" busy={f.busy}>
          {w.save}
        </Button>
      </form>
      {/*
        Logo, legal and contact details and the shop's privacy notice: the API has no fields for
        them yet (another piece of work adds them); their form goes here, on PATCH /api/v1/shops/{shopId}.
      */}
      <section className="card placeholder" aria-labelledby="settings-later">
        <h2 id="settings-later">{w.later}</h2>
        <p className="muted">{w.laterText}</p>
      </section>
    </>
  );
}
