import { declareTables, notPersonal } from '../../core/privacy/data-map.js';

/** A shop's own theme code is the merchant's work, not anyone's personal data; it goes with the shop. */
export const storefrontTables = declareTables({
  shop_theme_version: {
    description: 'Saved versions of a shop’s theme code: the files changed from the default theme.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      id: notPersonal('surrogate key (thv_…)'),
      number: notPersonal('the version’s number in the shop'),
      files: notPersonal('Liquid templates and snippets, by path'),
      note: notPersonal('the merchant’s note on the change'),
      created_at: notPersonal('technical timestamp'),
    },
  },
  shop_theme_state: {
    description: 'Which theme version a shop shows, which served before it, and its last render error.',
    subject: 'customer',
    owner: { via: 'shop_id', to: 'shop.id' },
    columns: {
      shop_id: notPersonal('the shop'),
      active_number: notPersonal('the live version (none: the default theme)'),
      fallback_number: notPersonal('the version live before it, used when it fails to render'),
      last_error: notPersonal('the live version’s last render error, for the merchant'),
      last_error_number: notPersonal('the version that failed'),
      last_error_at: notPersonal('technical timestamp'),
    },
  },
});
