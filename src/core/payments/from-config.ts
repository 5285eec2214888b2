import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import type { PaymentGateway, PaymentGatewayKind } from './gateway.js';
import type { PaymentSimulatorTables } from './payments.tables.js';
import { createPaymentSimulator } from './simulator.js';

/** The gateway PAYMENT_GATEWAY names; a real processor's adapter joins the switch with its own settings. */
export function createPaymentGateway(
  kind: PaymentGatewayKind,
  deps: { db: Kysely<PaymentSimulatorTables>; clock: Clock },
): PaymentGateway {
  switch (kind) {
    case 'simulator':
      return createPaymentSimulator(deps);
  }
}
