import { declareTables, notPersonal, personal } from '../../core/privacy/data-map.js';

const firewall = { purposes: ['security'], basis: 'legitimate-interest' } as const;

export const securityTables = declareTables({
  security_block: {
    description: 'Temporary blocks of IPs and sign-in names after request bursts or failed sign-ins (S1).',
    label: { en: 'Firewall blocks', 'pt-PT': 'Bloqueios da firewall' },
    subject: 'visitor',
    owner: { column: 'subject_key' },
    columns: {
      id: notPersonal('surrogate key (blk_…)'),
      kind: notPersonal('ip or login'),
      subject_key: personal({
        category: 'tracking',
        key: 'device.ip_address_or_login_pseudonym',
        ...firewall,
        retention: 'block-lifetime',
        identifier: true,
        description: 'the blocked IP, or a keyed hash of the sign-in email or of a device cookie',
      }),
      ip: personal({
        category: 'tracking',
        key: 'device.ip_address',
        ...firewall,
        retention: 'block-lifetime',
        identifier: true,
      }),
      account_id: notPersonal('reference to the account, when known'),
      reason: notPersonal('why the block was made'),
      level: notPersonal('escalation level'),
      created_at: personal({
        category: 'tracking',
        key: 'security.block_time',
        ...firewall,
        retention: 'block-lifetime',
      }),
      until: notPersonal('technical expiry'),
      lifted_at: notPersonal('technical timestamp'),
      lifted_by: notPersonal('staff reference (stf_…)'),
    },
  },
  login_throttle: {
    description:
      'Counts of consecutive failed sign-ins per IP, per sign-in name, per device cookie, and per IP and name together (S1).',
    label: { en: 'Failed sign-in counts', 'pt-PT': 'Contagem de tentativas de acesso falhadas' },
    subject: 'visitor',
    owner: { column: 'key' },
    columns: {
      key: personal({
        category: 'tracking',
        key: 'device.ip_address_or_login_pseudonym',
        ...firewall,
        retention: 'block-lifetime',
        identifier: true,
        description: 'the IP, or a keyed hash of the sign-in email, of a device cookie, or of IP and email together',
      }),
      consecutive_failures: notPersonal('counter'),
      block_level: notPersonal('escalation level'),
      updated_at: personal({
        category: 'tracking',
        key: 'security.attempt_time',
        ...firewall,
        retention: 'block-lifetime',
      }),
    },
  },
  rate_counter: {
    description: 'Requests per IP per rate-limit window, summed across app servers (S1).',
    label: { en: 'Request counts', 'pt-PT': 'Contagem de pedidos' },
    subject: 'visitor',
    owner: { column: 'key' },
    columns: {
      key: personal({
        category: 'tracking',
        key: 'device.ip_address',
        ...firewall,
        retention: 'rate-window',
        identifier: true,
      }),
      window_start: notPersonal('window start'),
      count: personal({ category: 'tracking', key: 'device.request_count', ...firewall, retention: 'rate-window' }),
    },
  },
});
