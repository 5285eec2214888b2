import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError, call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Button } from '../../ui/ui';

/** What the back office's pages share: the shop, query keys, API errors, money, a pager, a confirm dialog. */

export type Lang = 'en' | 'pt-PT';

/** A page's own words in the language on screen; each page keeps its words in its own file, loaded with it. */
export function useWords<T extends Record<Lang, unknown>>(words: T): T[Lang] {
  const { locale } = useI18n();
  return words[locale === 'pt-PT' ? 'pt-PT' : 'en'];
}

const words = {
  en: {
    previous: 'Previous page',
    next: 'Next page',
    pages: 'Pages',
    pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
    productStatus: { draft: 'Draft', active: 'Active' },
    orderStatus: {
      pending_payment: 'Awaiting payment',
      paid: 'Paid',
      fulfilled: 'Sent',
      cancelled: 'Cancelled',
      refunded: 'Refunded',
    },
  },
  'pt-PT': {
    previous: 'Página anterior',
    next: 'Página seguinte',
    pages: 'Páginas',
    pageOf: (page: number, pages: number) => `Página ${page} de ${pages}`,
    productStatus: { draft: 'Rascunho', active: 'Ativo' },
    orderStatus: {
      pending_payment: 'A aguardar pagamento',
      paid: 'Paga',
      fulfilled: 'Enviada',
      cancelled: 'Cancelada',
      refunded: 'Reembolsada',
    },
  },
} as const;

export const useSharedWords = () => useWords(words);

/** Every query of a shop starts with its id, so a change can refresh one part of one shop. */
export const shopKey = (shopId: string, ...rest: unknown[]) => ['shop', shopId, ...rest];

/** The shop's details; `enabled` false where they are only a nicety and the person may not read them. */
export function useShop(shopId: string, enabled = true) {
  return useQuery({
    queryKey: shopKey(shopId, 'details'),
    queryFn: () => call(client.GET('/api/v1/shops/{shopId}', { params: { path: { shopId } } })),
    enabled,
  });
}

/**
 * Reads of shoppers' details are audited by the server: each view asks again, and nothing of them
 * is kept once the page is left (as the staff console does).
 */
export const audited = { staleTime: 0, gcTime: 0 } as const;

/**
 * A request the typed client cannot make (multipart uploads, a CSV body), answered like `call`:
 * the JSON body, or an ApiError from the problem+json.
 */
export function sendRaw<T>(path: string, init: RequestInit): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('accept-language', document.documentElement.lang || 'en');
  return call<T>(
    fetch(path, { credentials: 'same-origin', ...init, headers }).then(async (response) => {
      const body: unknown = response.headers.get('content-type')?.includes('json') ? await response.json() : undefined;
      return response.ok ? { data: body as T, response } : { error: body, response };
    }),
  );
}

/** What to say about a failed request, at the top of a form (field errors go next to their fields). */
export function useProblemText() {
  const { t } = useI18n();
  return (err: unknown): string => {
    if (!(err instanceof ApiError)) return t('error.generic');
    if (err.status === 0) return t('error.network');
    if (err.status === 429) return t('error.blocked');
    return err.message;
  };
}

/** A button's action against the API: busy while it runs, then the problem it met (form-level and by field). */
export function useAction() {
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await action();
      return true;
    } catch (err) {
      setError(problemText(err));
      if (err instanceof ApiError) setFields(err.fieldErrors());
      return false;
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setError(null);
    setFields({});
  };
  return { busy, error, fields, run, clear, setFields, setError };
}

/** Cents as the shop's money, in the reader's format. */
export function useMoney() {
  const { formatMoney } = useI18n();
  return (cents: number, currency = 'EUR') => formatMoney(cents / 100, currency);
}

/** Euros as typed (`12.50`, `12,50`, `12`) in cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}
export const centsToEuros = (cents: number) => (cents / 100).toFixed(2);

/** Previous and next page, when there is more than one. */
export function Pager({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const w = useSharedWords();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav aria-label={w.pages} className="pager">
      <Button
        variant="secondary"
        className="btn btn-secondary btn-small"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {w.previous}
      </Button>
      <span aria-current="page">{w.pageOf(page, pages)}</span>
      <Button
        variant="secondary"
        className="btn btn-secondary btn-small"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {w.next}
      </Button>
    </nav>
  );
}

/** A modal question before something that cannot be undone; Escape or Cancel closes it. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  busy,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="actions">
        <Button variant="danger" busy={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
