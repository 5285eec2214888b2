import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { Alert, Button, Card, Checkbox, Field, useToast } from '../../ui/ui';
import type { Order } from './OrderDetail';
import { centsToEuros, ConfirmDialog, parseEuros, useAction, useMoney, useWords } from './shared';

const words = {
  en: {
    title: 'Actions',
    nothing: 'Nothing more can be done to this order.',
    fulfil: 'Mark as sent',
    tracking: 'Tracking number (optional)',
    fulfilled: 'Order marked as sent; the shopper is emailed.',
    cancel: 'Cancel order',
    cancelTitle: 'Cancel this order?',
    cancelText: 'Its items go back on sale. A paid order is refunded in full.',
    cancelled: 'Order cancelled.',
    refund: 'Refund',
    refundLeft: (amount: string) => `Up to ${amount} can still be refunded.`,
    partial: 'Refund part of it',
    amount: 'Amount to refund (€)',
    amountWrong: 'Use an amount in euros, e.g. 5.00',
    refundAll: (amount: string) => `Refund ${amount}`,
    refundSome: 'Refund this amount',
    refunded: 'Refund made.',
  },
  'pt-PT': {
    title: 'Ações',
    nothing: 'Já não há nada a fazer a esta encomenda.',
    fulfil: 'Marcar como enviada',
    tracking: 'Número de seguimento (opcional)',
    fulfilled: 'Encomenda marcada como enviada; o cliente recebe um email.',
    cancel: 'Cancelar a encomenda',
    cancelTitle: 'Cancelar esta encomenda?',
    cancelText: 'Os artigos voltam a estar à venda. Uma encomenda paga é reembolsada por inteiro.',
    cancelled: 'Encomenda cancelada.',
    refund: 'Reembolso',
    refundLeft: (amount: string) => `Ainda pode reembolsar até ${amount}.`,
    partial: 'Reembolsar só uma parte',
    amount: 'Valor a reembolsar (€)',
    amountWrong: 'Indique um valor em euros, p. ex. 5,00',
    refundAll: (amount: string) => `Reembolsar ${amount}`,
    refundSome: 'Reembolsar este valor',
    refunded: 'Reembolso feito.',
  },
} as const;

/** What the order's status allows: send it (with tracking), cancel it, refund all or part of it. */
export function OrderActions({
  shopId,
  order,
  onChanged,
}: {
  shopId: string;
  order: Order;
  onChanged: (o: Order) => Promise<void>;
}) {
  const w = useWords(words);
  const toast = useToast();
  const money = useMoney();
  const action = useAction();
  const [tracking, setTracking] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [partial, setPartial] = useState(false);
  const left = order.totalCents - order.refundedCents;
  const [amount, setAmount] = useState(centsToEuros(left));
  const [amountError, setAmountError] = useState<string | null>(null);
  const path = { shopId, orderId: order.id };

  const canFulfil = order.status === 'paid';
  const canCancel = order.status === 'pending_payment' || order.status === 'paid';
  const canRefund = (order.status === 'paid' || order.status === 'fulfilled') && left > 0 && order.payment.gatewayRef;

  const fulfil = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const next = await call(
        client.POST('/api/v1/shops/{shopId}/orders/{orderId}/fulfil', {
          params: { path },
          body: tracking.trim() ? { trackingNumber: tracking.trim() } : {},
        }),
      );
      toast(w.fulfilled);
      await onChanged(next);
    });
  };
  const cancel = async () => {
    await action.run(async () => {
      const next = await call(client.POST('/api/v1/shops/{shopId}/orders/{orderId}/cancel', { params: { path } }));
      toast(w.cancelled);
      await onChanged(next);
    });
    setConfirming(false);
  };
  const refund = (e: FormEvent) => {
    e.preventDefault();
    setAmountError(null);
    const cents = partial ? parseEuros(amount) : null;
    if (partial && (cents === null || cents < 1)) {
      setAmountError(w.amountWrong);
      return;
    }
    void action.run(async () => {
      const next = await call(
        client.POST('/api/v1/shops/{shopId}/orders/{orderId}/refund', {
          params: { path },
          body: cents !== null ? { amountCents: cents } : {},
        }),
      );
      toast(w.refunded);
      await onChanged(next);
    });
  };

  return (
    <Card title={w.title}>
      {action.error && <Alert kind="error">{action.error}</Alert>}
      {!canFulfil && !canCancel && !canRefund && <p className="muted">{w.nothing}</p>}
      {canFulfil && (
        <form onSubmit={fulfil} className="inline-form action-block" noValidate>
          <Field
            label={w.tracking}
            value={tracking}
            error={action.fields.trackingNumber}
            onChange={(e) => setTracking(e.target.value)}
          />
          <Button type="submit" busy={action.busy}>
            {w.fulfil}
          </Button>
        </form>
      )}
      {canRefund && (
        <form onSubmit={refund} className="action-block" noValidate>
          <h3>{w.refund}</h3>
          <p className="muted">{w.refundLeft(money(left, order.currency))}</p>
          <Checkbox label={w.partial} checked={partial} onChange={(e) => setPartial(e.target.checked)} />
          {partial && (
            <Field
              label={w.amount}
              inputMode="decimal"
              value={amount}
              error={amountError ?? action.fields.amountCents}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
          <Button type="submit" variant="secondary" busy={action.busy}>
            {partial ? w.refundSome : w.refundAll(money(left, order.currency))}
          </Button>
        </form>
      )}
      {canCancel && (
        <div className="action-block">
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {w.cancel}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={w.cancelTitle}
        confirmLabel={w.cancel}
        busy={action.busy}
        onConfirm={() => void cancel()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.cancelText}</p>
      </ConfirmDialog>
    </Card>
  );
}
