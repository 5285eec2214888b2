import type { Brand } from '../../core/ids.js';

/** Branded so that a product's id cannot be passed where a variant's or a collection's is wanted. */
export type ProductId = Brand<string, 'ProductId'>;
export type VariantId = Brand<string, 'VariantId'>;
export type CollectionId = Brand<string, 'CollectionId'>;
