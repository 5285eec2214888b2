import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { call, client } from '../../api';
import { useActing } from '../../session';
import { useI18n } from '../../i18n';
import { required, useForm } from '../../ui/form';
import { Alert, Button, Card, Field, SelectField, Table, useToast } from '../../ui/ui';

const shopsKey = ['account', 'shops'];

// This page's own words: it loads on its own, so they stay out of the first page's bundle.
const words = {
  en: {
    title: 'Your shops',
    text: 'Each shop has its own address. Manage its products, orders, shoppers, theme and settings in its back office.',
    manage: 'Back office',
    manageLabel: (name: string) => `Back office of ${name}`,
    none: 'You have no shop yet.',
    name: 'Name',
    address: 'Address',
    status: 'Status',
    open: 'Open a shop',
    slug: 'Address name',
    slugHint: (host: string) =>
      `Lower-case letters, digits and hyphens; the shop opens at that name followed by .${host}`,
    created: 'Your shop is open.',
    createdOnPlan: 'Your shop is open. Its first proforma invoice is in Invoices.',
    plan: 'Plan',
    planHint: 'Prices per month, VAT not included. You can choose or change it later in the shop’s Plan tab.',
    planLater: 'Choose later',
    perMonth: (price: string) => `${price} a month`,
    statuses: { active: 'Open', suspended: 'Suspended', closed: 'Closed' },
  },
  'pt-PT': {
    title: 'As suas lojas',
    text: 'Cada loja tem o seu próprio endereço. Faça a gestão dos produtos, encomendas, clientes, tema e definições na gestão da loja.',
    manage: 'Gestão',
    manageLabel: (name: string) => `Gestão de ${name}`,
    none: 'Ainda não tem nenhuma loja.',
    name: 'Nome',
    address: 'Endereço',
    status: 'Estado',
    open: 'Abrir uma loja',
    slug: 'Nome do endereço',
    slugHint: (host: string) => `Letras minúsculas, algarismos e hífenes; a loja abre nesse nome seguido de .${host}`,
    created: 'A sua loja está aberta.',
    createdOnPlan: 'A sua loja está aberta. A primeira fatura pró-forma está em Faturas.',
    plan: 'Plano',
    planHint: 'Preços por mês, sem IVA. Pode escolhê-lo ou mudá-lo mais tarde no separador Plano da loja.',
    planLater: 'Escolher mais tarde',
    perMonth: (price: string) => `${price} por mês`,
    statuses: { active: 'Aberta', suspended: 'Suspensa', closed: 'Fechada' },
  },
} as const;

/** The merchant's shops, with a link to each storefront and back office, and opening a new one. */
export function Shops() {
  const { t, locale } = useI18n();
  const w = words[locale === 'pt-PT' ? 'pt-PT' : 'en'];
  const toast = useToast();
  const queries = useQueryClient();
  const acting = useActing();
  const list = useQuery({
    queryKey: shopsKey,
    queryFn: async () => (await call(client.GET('/api/v1/shops'))).items,
  });
  const shops = list.data;
  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: async () => (await call(client.GET('/api/v1/plans'))).items,
  });
  const money = new Intl.NumberFormat(locale === 'pt-PT' ? 'pt-PT' : 'en-IE', { style: 'currency', currency: 'EUR' });
  const f = useForm({ name: '', slug: '', planId: '' }, { name: required, slug: required }, t);
  // The plan is chosen with the shop: its first period is billed at once (a proforma in Invoices).
  const create = f.submit(async (v) => {
    const shop = await call(client.POST('/api/v1/shops', { body: { name: v.name, slug: v.slug } }));
    if (v.planId)
      await call(
        client.POST('/api/v1/shops/{shopId}/subscription', {
          params: { path: { shopId: shop.id } },
          body: { planId: v.planId, period: 'monthly' },
        }),
      );
    f.setValues({ name: '', slug: '', planId: '' });
    toast(v.planId ? w.createdOnPlan : w.created);
    await queries.invalidateQueries({ queryKey: shopsKey });
  });
  return (
    <>
      <Card title={w.title}>
        <p>{w.text}</p>
        {shops === undefined ? (
          // Refused (working on an account without `shops`, say): the server's reason, not a wait.
          list.error ? (
            <Alert kind="error">{list.error.message}</Alert>
          ) : (
            <p>{t('common.loading')}</p>
          )
        ) : (
          <Table
            caption={w.title}
            head={[w.name, w.address, w.status, w.manage]}
            empty={w.none}
            rows={shops.map((s) => [
              s.name,
              <a key="url" href={s.url}>
                {s.url.replace(/^https?:\/\//, '').replace(/\/$/, '')}
              </a>,
              w.statuses[s.status],
              <Link
                key="manage"
                to="/account/shops/$shopId"
                params={{ shopId: s.id }}
                aria-label={w.manageLabel(s.name)}
              >
                {w.manage}
              </Link>,
            ])}
          />
        )}
      </Card>
      {!list.error && acting.can('shops') && (
        <Card title={w.open}>
          <form onSubmit={create} noValidate>
            {f.formError && <Alert kind="error">{f.formError}</Alert>}
            <Field label={w.name} autoComplete="organization" {...f.bind('name')} />
            <Field
              label={w.slug}
              hint={w.slugHint(location.hostname)}
              autoCapitalize="none"
              spellCheck={false}
              {...f.bind('slug')}
            />
            <SelectField
              label={w.plan}
              placeholder={w.planLater}
              options={(plans.data ?? []).map((p) => ({
                value: p.id,
                label: `${p.name} — ${w.perMonth(money.format(p.monthlyCents / 100))}`,
              }))}
              {...f.bind('planId')}
            />
            <p className="muted">{w.planHint}</p>
            <Button type="submit" busy={f.busy}>
              {w.open}
            </Button>
          </form>
        </Card>
      )}
    </>
  );
}
