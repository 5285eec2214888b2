import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useParams } from '@tanstack/react-router';
import { call, client, type ResponseOf } from '../../api';
import { useI18n } from '../../i18n';
import { required, useForm, type Rule } from '../../ui/form';
import { Alert, Button, Card, Field, SelectField, useToast } from '../../ui/ui';
import { centsToEuros, parseEuros, sendRaw, shopKey, useAction, useShop, useWords } from './shared';

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
    legal: 'Who runs the shop',
    legalText:
      'Shown at the foot of every page of the shop and in its privacy notice, as the law asks of an online shop.',
    legalName: 'Legal name',
    taxId: 'Tax number (NIF)',
    email: 'Contact email',
    phone: 'Contact phone',
    line1: 'Address',
    postalCode: 'Postal code',
    city: 'City',
    country: 'Country (two letters, e.g. PT)',
    logo: 'Logo',
    logoText: 'JPEG, PNG, WebP, AVIF or GIF. It is checked for viruses and resized; its metadata is removed.',
    logoFile: 'Logo file',
    logoUpload: 'Upload the logo',
    logoRemove: 'Remove the logo',
    logoNone: 'No logo: the shop shows its name.',
    logoAlt: 'The current logo',
    logoSaved: 'Logo saved.',
    logoRemoved: 'Logo removed.',
    notice: 'Privacy notice',
    noticeText:
      'The shop’s privacy notice is made for you from what the platform keeps about your shoppers, with the shop as controller and SellRocket as its processor. It follows your legal details above.',
    noticeLink: 'Open the shop’s privacy notice',
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
    legal: 'Quem gere a loja',
    legalText:
      'Mostrado no rodapé de todas as páginas da loja e no seu aviso de privacidade, como a lei pede a uma loja online.',
    legalName: 'Denominação legal',
    taxId: 'NIF',
    email: 'Email de contacto',
    phone: 'Telefone de contacto',
    line1: 'Morada',
    postalCode: 'Código postal',
    city: 'Localidade',
    country: 'País (duas letras, p. ex. PT)',
    logo: 'Logótipo',
    logoText: 'JPEG, PNG, WebP, AVIF ou GIF. É verificado contra vírus e redimensionado; os metadados são removidos.',
    logoFile: 'Ficheiro do logótipo',
    logoUpload: 'Carregar o logótipo',
    logoRemove: 'Remover o logótipo',
    logoNone: 'Sem logótipo: a loja mostra o seu nome.',
    logoAlt: 'O logótipo atual',
    logoSaved: 'Logótipo guardado.',
    logoRemoved: 'Logótipo removido.',
    notice: 'Aviso de privacidade',
    noticeText:
      'O aviso de privacidade da loja é feito a partir do que a plataforma guarda sobre os seus compradores, com a loja como responsável pelo tratamento e a SellRocket como subcontratante. Segue os dados legais acima.',
    noticeLink: 'Abrir o aviso de privacidade da loja',
  },
} as const;

export function Settings() {
  const { t } = useI18n();
  const { shopId } = useParams({ from: '/account/shops/$shopId/settings' });
  const shop = useShop(shopId);
  if (!shop.data) return <p>{shop.error ? shop.error.message : t('common.loading')}</p>;
  // The form starts again from what was saved; the logo card keeps its chosen file across that.
  return (
    <>
      <SettingsForm key={shop.dataUpdatedAt} shop={shop.data} />
      <LogoCard shop={shop.data} />
      <NoticeCard shop={shop.data} />
    </>
  );
}

/** The shop's name, branding colours, default VAT rate, shipping rates per zone and legal details (PATCH of the shop). */
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
      legalName: shop.details.legalName ?? '',
      taxId: shop.details.taxId ?? '',
      email: shop.details.email ?? '',
      phone: shop.details.phone ?? '',
      line1: shop.details.address.line1 ?? '',
      postalCode: shop.details.address.postalCode ?? '',
      city: shop.details.address.city ?? '',
      country: shop.details.address.country ?? '',
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
          // An empty field clears that detail.
          details: {
            legalName: v.legalName,
            taxId: v.taxId,
            email: v.email,
            phone: v.phone,
            address: { line1: v.line1, postalCode: v.postalCode, city: v.city, country: v.country },
          },
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
        <Card title={w.legal}>
          <p className="field-hint">{w.legalText}</p>
          <Field label={w.legalName} autoComplete="organization" {...f.bind('legalName', 'details.legalName')} />
          <Field label={w.taxId} {...f.bind('taxId', 'details.taxId')} />
          <div className="row">
            <Field label={w.email} type="email" autoComplete="email" {...f.bind('email', 'details.email')} />
            <Field label={w.phone} type="tel" autoComplete="tel" {...f.bind('phone', 'details.phone')} />
          </div>
          <Field label={w.line1} autoComplete="address-line1" {...f.bind('line1', 'details.address.line1')} />
          <div className="row">
            <Field
              label={w.postalCode}
              autoComplete="postal-code"
              {...f.bind('postalCode', 'details.address.postalCode')}
            />
            <Field label={w.city} autoComplete="address-level2" {...f.bind('city', 'details.address.city')} />
            <Field label={w.country} autoComplete="country" {...f.bind('country', 'details.address.country')} />
          </div>
        </Card>
        <Button type="submit" busy={f.busy}>
          {w.save}
        </Button>
      </form>
    </>
  );
}

/** Where the shop's generated privacy notice is. */
function NoticeCard({ shop }: { shop: Shop }) {
  const w = useWords(words);
  return (
    <Card title={w.notice}>
      <p>{w.noticeText}</p>
      <p>
        <a href={`${shop.url}privacy`}>{w.noticeLink}</a>
      </p>
    </Card>
  );
}

/** The logo: uploaded through the same checks as product photos, shown from the shop's own host. */
function LogoCard({ shop }: { shop: Shop }) {
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: shopKey(shop.id, 'details') });
  const upload = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    void action.run(async () => {
      const body = new FormData();
      body.append('file', file);
      await sendRaw<null>(`/api/v1/shops/${shop.id}/logo`, { method: 'PUT', body });
      await refresh();
      toast(w.logoSaved);
    });
  };
  const remove = () =>
    void action.run(async () => {
      await call(client.DELETE('/api/v1/shops/{shopId}/logo', { params: { path: { shopId: shop.id } } }));
      await refresh();
      toast(w.logoRemoved);
    });
  return (
    <Card title={w.logo}>
      <p className="field-hint">{w.logoText}</p>
      {shop.logo ? (
        <p>
          <img
            src={`${shop.url.replace(/\/$/, '')}${shop.logo.src}`}
            alt={w.logoAlt}
            width={Math.min(shop.logo.width, 240)}
            style={{ height: 'auto', maxWidth: '100%' }}
          />
        </p>
      ) : (
        <p className="muted">{w.logoNone}</p>
      )}
      {action.error && <Alert kind="error">{action.error}</Alert>}
      <form onSubmit={upload} noValidate>
        <div className="field">
          <label htmlFor="logo-file">{w.logoFile}</label>
          <input
            id="logo-file"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="row">
          <Button type="submit" busy={action.busy} disabled={!file}>
            {w.logoUpload}
          </Button>
          {shop.logo && (
            <Button type="button" onClick={remove} disabled={action.busy}>
              {w.logoRemove}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
