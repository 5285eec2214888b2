import { describe, expect, it } from 'vitest';
import { noticeLanguages } from '../../core/published-texts.js';
import { requestNotice, type RequestNotice, type RequestNoticeFacts } from './request-notices.js';

const facts: RequestNoticeFacts = {
  refused: { id: 'req_1', type: 'rectification', reason: 'Your name can be changed in the Account section.' },
  extended: { id: 'req_1', type: 'erasure', dueAt: new Date('2027-05-01T00:00:00Z'), reason: 'Three systems.' },
  'export-ready': { id: 'req_1', type: 'access', days: 7, link: 'https://x.example/privacy/request/download?token=t' },
  erased: { id: 'req_1', reach: 'account' },
  'lift-scheduled': { purpose: 'marketing', liftAt: new Date('2027-05-08T12:00:00Z') },
  'confirm-request': { type: 'portability', hours: 24, link: 'https://x.example/privacy/request/verify?token=t' },
  'forwarded-to-shops': { shops: ['Loja A', 'Loja B'] },
};
const kinds = Object.keys(facts) as RequestNotice[];
const write = <K extends RequestNotice>(kind: K, lang: 'en' | 'pt-PT', f: RequestNoticeFacts[K] = facts[kind]) =>
  requestNotice(kind, lang, f);

describe('notices to privacy requesters in each language', () => {
  it('write every notice in English and in European Portuguese, each different', () => {
    for (const kind of kinds) {
      const [en, pt] = noticeLanguages.map((lang) => write(kind, lang));
      for (const w of [en!, pt!]) {
        expect(w.subject.trim(), kind).not.toBe('');
        expect(w.text.trim(), kind).not.toBe('');
      }
      expect([en!.lang, pt!.lang]).toEqual(['en', 'pt-PT']);
      expect(pt!.subject, kind).not.toBe(en!.subject);
      expect(pt!.text, kind).not.toBe(en!.text);
    }
  });

  it('keep the English wording', () => {
    expect(write('refused', 'en')).toMatchObject({
      subject: 'Your privacy request was refused',
      text:
        'We cannot carry out your rectification request (req_1).\n\nReason: Your name can be changed in the Account section.\n\n' +
        'You have the right to complain to the Comissão Nacional de Proteção de Dados (https://www.cnpd.pt), and to use the EU online dispute resolution platform (https://ec.europa.eu/consumers/odr).',
    });
    expect(write('extended', 'en').text).toBe(
      'Your erasure request (req_1) will be answered by 2027-05-01.\n\nWhy: Three systems.',
    );
    expect(write('export-ready', 'en', { id: 'req_1', type: 'access', days: 7 }).text).toBe(
      'Your access request (req_1) is done. Sign in to your customer area, Privacy section, to download it within 7 days.',
    );
    expect(write('erased', 'en', { id: 'req_1', reach: 'nothing' }).text).toBe(
      'As you asked (req_1), we hold no account or other personal data under this address, besides the record that you asked.',
    );
    expect(write('confirm-request', 'en').text).toBe(
      'Someone (we hope you) asked SellRocket for a portability request for this email address.\n\n' +
        'Confirm it within 24 hours by opening:\nhttps://x.example/privacy/request/verify?token=t\n\nIf it was not you, ignore this message.',
    );
    expect(write('forwarded-to-shops', 'en', { shops: ['Loja A'] }).text).toBe(
      "Your email is known to a shop hosted on SellRocket. Each shop decides how it uses its shoppers' data, so we have " +
        'sent your request to it as well; each will answer you directly within a month:\n\n- Loja A',
    );
  });

  it('name the request, its deadline, its link and the complaint authority in Portuguese', () => {
    expect(write('refused', 'pt-PT').text).toContain('pedido de retificação (req_1)');
    expect(write('refused', 'pt-PT').text).toContain('https://www.cnpd.pt');
    expect(write('extended', 'pt-PT').text).toContain('pedido de apagamento (req_1) terá resposta até 2027-05-01');
    expect(write('export-ready', 'pt-PT').text).toContain('\nhttps://x.example/privacy/request/download?token=t');
    expect(write('export-ready', 'pt-PT', { id: 'req_1', type: 'access', days: 7 }).text).toContain(
      'secção Privacidade',
    );
    expect(write('lift-scheduled', 'pt-PT').text).toContain('limitação do tratamento dos seus dados para marketing');
    expect(write('lift-scheduled', 'pt-PT').text).toContain('2027-05-08');
    expect(write('confirm-request', 'pt-PT').subject).toBe('Confirme o seu pedido de privacidade');
    expect(write('confirm-request', 'pt-PT').text).toContain('pedido de portabilidade para este endereço de email');
    for (const reach of ['account', 'address', 'nothing'] as const)
      expect(write('erased', 'pt-PT', { id: 'req_1', reach }).text).toMatch(/^Conforme pediu \(req_1\), /);
    expect(write('forwarded-to-shops', 'pt-PT').text).toMatch(/em lojas alojadas.*\n\n- Loja A\n- Loja B$/s);
    expect(write('forwarded-to-shops', 'pt-PT', { shops: ['Loja A'] }).text).toContain('numa loja alojada');
  });
});
