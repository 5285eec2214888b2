import { hashToken, keyedHash } from '../../core/crypto/tokens.js';

/**
 * The token of an order's confirmation page (`/orders/:token`). It is a keyed hash of the order id, so
 * a retried checkout can hand back the same token without the token being stored: the table keeps
 * only the token's SHA-256, which opens nothing.
 */
export function orderToken(hashKey: Buffer, orderId: string): string {
  return keyedHash(hashKey, `order-page:${orderId}`);
}

export const orderTokenHash = (token: string) => hashToken(token);
