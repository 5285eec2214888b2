import { textFor, type NoticeVersion, type ShownText } from '../../core/published-texts.js';

/**
 * The terms of service a merchant accepts when opening an account, by version, language and
 * effective date. Never edit a published text: add a version. An acceptance keeps the version,
 * the language and the hash of the exact text (D7: terms accepted are a formal document).
 */
const versions: NoticeVersion[] = [
  {
    version: 'terms-2026-11',
    effectiveFrom: '2026-11-01',
    texts: {
      en: [
        '1. SellRocket hosts your online shop, its domain and its data, on the plan you choose.',
        "2. You keep your shop's content and your customers' data. For your shoppers' data you are the controller and SellRocket your processor.",
        '3. Plans are paid in advance against a proforma invoice; the invoice is issued when payment arrives. An account with a proforma unpaid 60 days after it fell due is suspended and then closed.',
        '4. You may cancel at any time from the customer area; data is deleted as the privacy policy says, except the invoices the law requires us to keep.',
        '5. You will not use the platform for unlawful content, spam or attacks; we may suspend a shop that does, and tell you why.',
        '6. We aim for the availability stated in your plan and keep restorable backups; our liability is limited to the fees of the last 12 months, except where the law does not allow a limit.',
        "7. We may change these terms with 30 days' notice by email; you may cancel before a change takes effect.",
        '8. These terms are governed by Portuguese law. Consumers may also use the EU online dispute resolution platform.',
      ].join('\n'),
      'pt-PT': [
        '1. A SellRocket aloja a sua loja online, o seu domínio e os seus dados, no plano que escolher.',
        '2. O conteúdo da loja e os dados dos seus clientes são seus. Quanto aos dados dos seus clientes, é o responsável pelo tratamento e a SellRocket a sua subcontratante.',
        '3. Os planos são pagos antecipadamente contra uma fatura proforma; a fatura é emitida quando o pagamento chega. Uma conta com uma proforma por pagar 60 dias após o vencimento é suspensa e depois encerrada.',
        '4. Pode cancelar a qualquer momento na área de cliente; os dados são apagados como diz a política de privacidade, exceto as faturas que a lei nos obriga a guardar.',
        '5. Não usará a plataforma para conteúdos ilícitos, spam ou ataques; podemos suspender uma loja que o faça, dizendo-lhe porquê.',
        '6. Procuramos a disponibilidade indicada no seu plano e guardamos cópias de segurança recuperáveis; a nossa responsabilidade limita-se ao valor pago nos últimos 12 meses, salvo onde a lei não permita limite.',
        '7. Podemos alterar estes termos com 30 dias de aviso por email; pode cancelar antes de a alteração produzir efeitos.',
        '8. Estes termos regem-se pela lei portuguesa. Os consumidores podem também usar a plataforma europeia de resolução de litígios em linha.',
      ].join('\n'),
    },
  },
];

/** The terms in force for whoever made the request, in their language. */
export const currentTerms = (ctx: { language?: string | undefined; now: Date }): ShownText => textFor(versions, ctx);
