import { useId } from 'react';
import type { Permission } from '../../api';
import { useWords } from '../shop/shared';

/** What the owner of an account may let a user do on it, in plain words: for inviting, and for the invited. */

// The order they are offered in: the parts of the back office first, the ones with no page yet last.
export const permissionOrder = [
  'shops',
  'orders',
  'shopper-privacy',
  'orders-upgrades',
  'invoices',
  'emails',
  'profile',
  'contacts',
  'domains',
  'support',
  'affiliates',
] as const satisfies readonly Permission[];

const words = {
  en: {
    labels: {
      shops: 'Shops',
      orders: 'Orders and shoppers',
      'shopper-privacy': 'Shoppers’ privacy requests',
      'orders-upgrades': 'Choosing and cancelling plans',
      invoices: 'Invoices',
      emails: 'Emails from SellRocket',
      profile: 'Account details',
      contacts: 'Contacts',
      domains: 'Domains',
      support: 'Support',
      affiliates: 'Affiliates',
    },
    hints: {
      shops: 'Open shops; change their products, images, theme and settings; see their plan.',
      orders: 'See and handle the shops’ orders, and their shoppers.',
      'shopper-privacy': 'Answer shoppers’ privacy requests; export or erase a shopper’s data.',
      'orders-upgrades': 'Choose a plan for a shop, or cancel it.',
      invoices: 'See, download and pay the account’s invoices.',
      emails: 'Read the emails SellRocket sent to the account.',
      profile: 'See and change the account’s name, address, tax number and email language.',
      contacts: 'Not in use yet.',
      domains: 'Not in use yet.',
      support: 'Not in use yet.',
      affiliates: 'Not in use yet.',
    },
    none: 'Nothing yet.',
  },
  'pt-PT': {
    labels: {
      shops: 'Lojas',
      orders: 'Encomendas e clientes',
      'shopper-privacy': 'Pedidos de privacidade dos clientes',
      'orders-upgrades': 'Escolher e cancelar planos',
      invoices: 'Faturas',
      emails: 'Emails da SellRocket',
      profile: 'Dados da conta',
      contacts: 'Contactos',
      domains: 'Domínios',
      support: 'Suporte',
      affiliates: 'Afiliados',
    },
    hints: {
      shops: 'Abrir lojas; alterar os produtos, imagens, tema e definições; ver o plano.',
      orders: 'Ver e tratar as encomendas das lojas, e os clientes.',
      'shopper-privacy': 'Responder a pedidos de privacidade dos clientes; exportar ou apagar os dados de um cliente.',
      'orders-upgrades': 'Escolher o plano de uma loja, ou cancelá-lo.',
      invoices: 'Ver, descarregar e pagar as faturas da conta.',
      emails: 'Ler os emails que a SellRocket enviou para a conta.',
      profile: 'Ver e alterar o nome, morada, NIF e idioma dos emails da conta.',
      contacts: 'Ainda sem uso.',
      domains: 'Ainda sem uso.',
      support: 'Ainda sem uso.',
      affiliates: 'Ainda sem uso.',
    },
    none: 'Nada, por agora.',
  },
} as const satisfies Record<
  string,
  { labels: Record<Permission, string>; hints: Record<Permission, string>; none: string }
>;

export const usePermissionWords = () => useWords(words);

/** The permissions given, by name, in the order they are offered. */
export function PermissionList({ permissions }: { permissions: readonly Permission[] }) {
  const w = usePermissionWords();
  const given = permissionOrder.filter((p) => permissions.includes(p));
  if (given.length === 0) return <p className="muted">{w.none}</p>;
  return (
    <ul className="plain-list">
      {given.map((p) => (
        <li key={p}>{w.labels[p]}</li>
      ))}
    </ul>
  );
}

/** One box per permission, each with what it lets the user do. */
export function PermissionChoice({
  legend,
  value,
  onChange,
  error,
}: {
  legend: string;
  value: readonly Permission[];
  onChange: (permissions: Permission[]) => void;
  error?: string | null | undefined;
}) {
  const w = usePermissionWords();
  const id = useId();
  const toggle = (p: Permission, on: boolean) =>
    onChange(permissionOrder.filter((q) => (q === p ? on : value.includes(q))));
  return (
    <fieldset className="group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      <div className="permissions">
        {permissionOrder.map((p) => (
          <div className="checkbox" key={p}>
            <input
              type="checkbox"
              id={`${id}-${p}`}
              checked={value.includes(p)}
              aria-describedby={`${id}-${p}-hint`}
              onChange={(e) => toggle(p, e.target.checked)}
            />
            <div>
              <label htmlFor={`${id}-${p}`}>{w.labels[p]}</label>
              <p className="field-hint" id={`${id}-${p}-hint`}>
                {w.hints[p]}
              </p>
            </div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
