import type { NoticeLanguage } from '../../core/published-texts.js';
import type { RequestType } from './privacy.tables.js';

/** What each notice to a requester names, by notice. */
export interface RequestNoticeFacts {
  /** Staff refused the request, with their reason and the right to complain. */
  refused: { id: string; type: RequestType; reason: string };
  /** Staff extended the deadline (Art. 12(3)), with their reason. */
  extended: { id: string; type: RequestType; dueAt: Date; reason: string };
  /** An access or portability archive is ready: by a one-time link, or in the customer area. */
  'export-ready': { id: string; type: RequestType; days: number; link?: string | undefined };
  /** The erasure is done: of an account, of what else the address reached, or of nothing held. */
  erased: { id: string; reach: 'account' | 'address' | 'nothing' };
  /** A restriction will be lifted on `liftAt` (Art. 18(3)). */
  'lift-scheduled': { purpose: string; liftAt: Date };
  /** A request made without signing in: the link that verifies the email. */
  'confirm-request': { type: RequestType; hours: number; link: string };
  /** The verified request was also handed to the shops where the email is a shopper. */
  'forwarded-to-shops': { shops: string[] };
}
export type RequestNotice = keyof RequestNoticeFacts;

type Written = { subject: string; text: string[] };
type Templates = { [K in RequestNotice]: (f: RequestNoticeFacts[K]) => Written };

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A request's type as the sentence "your … request" / "o seu pedido de …" names it. */
const typeWords: Record<NoticeLanguage, Record<RequestType, string>> = {
  en: {
    access: 'access',
    portability: 'portability',
    rectification: 'rectification',
    restriction: 'restriction',
    erasure: 'erasure',
    objection: 'objection',
  },
  'pt-PT': {
    access: 'acesso',
    portability: 'portabilidade',
    rectification: 'retificação',
    restriction: 'limitação do tratamento',
    erasure: 'apagamento',
    objection: 'oposição',
  },
};

/** The purposes a restriction can be on, in Portuguese (an unknown one is named as it is stored). */
const purposesPt: Record<string, string> = { marketing: 'marketing' };

const en: Templates = {
  refused: (f) => ({
    subject: 'Your privacy request was refused',
    text: [
      `We cannot carry out your ${typeWords.en[f.type]} request (${f.id}).`,
      '',
      `Reason: ${f.reason}`,
      '',
      'You have the right to complain to the Comissão Nacional de Proteção de Dados (https://www.cnpd.pt), and to use the EU online dispute resolution platform (https://ec.europa.eu/consumers/odr).',
    ],
  }),
  extended: (f) => ({
    subject: 'We need more time for your privacy request',
    text: [
      `Your ${typeWords.en[f.type]} request (${f.id}) will be answered by ${day(f.dueAt)}.`,
      '',
      `Why: ${f.reason}`,
    ],
  }),
  'export-ready': (f) => ({
    subject: 'Your data is ready',
    text: [
      `Your ${typeWords.en[f.type]} request (${f.id}) is done. ` +
        (f.link
          ? `Download it within ${f.days} days from this link (it works only for you; do not forward it):\n${f.link}`
          : `Sign in to your customer area, Privacy section, to download it within ${f.days} days.`),
    ],
  }),
  erased: (f) => ({
    subject: 'Your data has been erased',
    text: [
      `As you asked (${f.id}), ` +
        {
          account:
            'your SellRocket account and its personal data have been erased. Invoices the law requires us to keep are kept, with their fiscal details only.',
          address: 'what we held under this address has been erased.',
          nothing: 'we hold no account or other personal data under this address, besides the record that you asked.',
        }[f.reach],
    ],
  }),
  'lift-scheduled': (f) => ({
    subject: 'We will lift a restriction on your data',
    text: [
      `The restriction on using your data for ${f.purpose} will end on ${day(f.liftAt)}. If you disagree, reply before then or make a new request in the Privacy section of your customer area.`,
    ],
  }),
  'confirm-request': (f) => ({
    subject: 'Confirm your privacy request',
    text: [
      `Someone (we hope you) asked SellRocket for a ${typeWords.en[f.type]} request for this email address.`,
      '',
      `Confirm it within ${f.hours} hours by opening:`,
      f.link,
      '',
      'If it was not you, ignore this message.',
    ],
  }),
  'forwarded-to-shops': (f) => {
    const one = f.shops.length === 1;
    return {
      subject: 'Your privacy request was also sent to shops',
      text: [
        `Your email is known to ${one ? 'a shop' : 'shops'} hosted on SellRocket. Each shop decides ` +
          `how it uses its shoppers' data, so we have sent your request to ${one ? 'it' : 'them'} as well; ` +
          `each will answer you directly within a month:`,
        '',
        ...f.shops.map((n) => `- ${n}`),
      ],
    };
  },
};

const pt: Templates = {
  refused: (f) => ({
    subject: 'O seu pedido de privacidade foi recusado',
    text: [
      `Não podemos dar seguimento ao seu pedido de ${typeWords['pt-PT'][f.type]} (${f.id}).`,
      '',
      `Motivo: ${f.reason}`,
      '',
      'Tem o direito de apresentar reclamação à Comissão Nacional de Proteção de Dados (https://www.cnpd.pt) e de recorrer à plataforma europeia de resolução de litígios em linha (https://ec.europa.eu/consumers/odr).',
    ],
  }),
  extended: (f) => ({
    subject: 'Precisamos de mais tempo para responder ao seu pedido de privacidade',
    text: [
      `O seu pedido de ${typeWords['pt-PT'][f.type]} (${f.id}) terá resposta até ${day(f.dueAt)}.`,
      '',
      `Motivo: ${f.reason}`,
    ],
  }),
  'export-ready': (f) => ({
    subject: 'Os seus dados estão prontos',
    text: [
      `O seu pedido de ${typeWords['pt-PT'][f.type]} (${f.id}) está concluído. ` +
        (f.link
          ? `Descarregue os seus dados nos próximos ${f.days} dias a partir desta ligação (só funciona para si; não a reencaminhe):\n${f.link}`
          : `Entre na sua área de cliente, secção Privacidade, para descarregar os seus dados nos próximos ${f.days} dias.`),
    ],
  }),
  erased: (f) => ({
    subject: 'Os seus dados foram apagados',
    text: [
      `Conforme pediu (${f.id}), ` +
        {
          account:
            'a sua conta SellRocket e os respetivos dados pessoais foram apagados. As faturas que a lei nos obriga a conservar são mantidas, apenas com os dados fiscais.',
          address: 'foi apagado tudo o que tínhamos associado a este endereço.',
          nothing:
            'não temos nenhuma conta nem outros dados pessoais associados a este endereço, além do registo do seu pedido.',
        }[f.reach],
    ],
  }),
  'lift-scheduled': (f) => ({
    subject: 'Vamos levantar uma limitação do tratamento dos seus dados',
    text: [
      `A limitação do tratamento dos seus dados para ${purposesPt[f.purpose] ?? f.purpose} termina a ${day(f.liftAt)}. Se não concordar, responda antes dessa data ou faça um novo pedido na secção Privacidade da sua área de cliente.`,
    ],
  }),
  'confirm-request': (f) => ({
    subject: 'Confirme o seu pedido de privacidade',
    text: [
      `Alguém (esperamos que tenha sido você) fez à SellRocket um pedido de ${typeWords['pt-PT'][f.type]} para este endereço de email.`,
      '',
      `Confirme-o nas próximas ${f.hours} horas, abrindo:`,
      f.link,
      '',
      'Se não foi você, ignore esta mensagem.',
    ],
  }),
  'forwarded-to-shops': (f) => {
    const one = f.shops.length === 1;
    return {
      subject: 'O seu pedido de privacidade foi também enviado a lojas',
      text: [
        `O seu email está registado ${one ? 'numa loja alojada' : 'em lojas alojadas'} na SellRocket. Cada loja decide ` +
          `como utiliza os dados dos seus clientes, por isso também ${one ? 'lhe' : 'lhes'} enviámos o seu pedido; ` +
          `${one ? 'a loja' : 'cada uma'} responder-lhe-á diretamente no prazo de um mês:`,
        '',
        ...f.shops.map((n) => `- ${n}`),
      ],
    };
  },
};

const templates: Record<NoticeLanguage, Templates> = { en, 'pt-PT': pt };

/** A notice to a privacy requester written in `language`: subject, text (the HTML part is made from it) and language. */
export function requestNotice<K extends RequestNotice>(
  kind: K,
  language: NoticeLanguage,
  facts: RequestNoticeFacts[K],
) {
  const written = (templates[language][kind] as (f: RequestNoticeFacts[K]) => Written)(facts);
  return { subject: written.subject, text: written.text.join('\n'), lang: language };
}
