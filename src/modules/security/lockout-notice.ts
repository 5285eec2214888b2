import type { Mail } from '../../core/mail/mailer.js';

/**
 * The email to an account's owner when sign-ins to it are paused. It names no address or browser
 * of whoever tried: that is their personal data, and the owner needs only what to do.
 */
export function lockoutNotice(to: string, lock: { until: Date; knownDevice: boolean }): Mail {
  const until = `${lock.until.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const which = lock.knownDevice
    ? 'on one of the browsers you signed in from before. Sign-in from that browser is paused'
    : 'from browsers you have not signed in from before. Sign-in from new browsers is paused';
  return {
    to,
    subject: 'Sign-in to your SellRocket account was paused',
    text: [
      `Several sign-in attempts with a wrong password were made to your account ${which} until ${until}.`,
      '',
      'Browsers where you signed in before keep working, unless that is where the attempts came from.',
      'If it was not you, change your password once you are signed in (Account > Security).',
    ].join('\n'),
  };
}
