import type { RequestContext } from '../../core/context.js';
import type { ShopScope } from '../shops/index.js';

/**
 * What the account pages need of the shop's privacy queue (the privacy module keeps it): the
 * shopper's own requests, opening one, and who the controller is.
 */
export interface ShopPrivacyDesk {
  requestsOf(
    scope: ShopScope,
    shopperId: string,
  ): Promise<{ kind: 'access' | 'erasure'; status: string; createdAt: string; dueAt: string }[]>;
  /** False when the shopper already has an open request of that kind. */
  open(
    ctx: RequestContext,
    scope: ShopScope,
    input: {
      shopperId: string | null;
      email: string;
      kind: 'access' | 'erasure';
      via: 'account' | 'form' | 'platform';
    },
  ): Promise<boolean>;
  controllerOf(scope: ShopScope): Promise<{ name: string; email: string | null }>;
}
