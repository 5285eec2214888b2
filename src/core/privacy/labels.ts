import type { Localised } from './languages.js';
import type { RetentionRuleId } from './retention-rules.js';
import type { Category, LegalBasis, Purpose, Recipient, StorageRegion, Subject } from './vocabulary.js';

/**
 * The data map's words as a person reads them, in every policy language. Each is a record over
 * its vocabulary, so a new purpose, basis, rule, category, subject or recipient does not compile
 * until the policy can name it.
 */

export const subjectWords: Record<Subject, Localised<readonly [label: string, intro: string]>> = {
  customer: {
    en: ['If you have a merchant account', 'You are our customer: you opened an account to host a shop with us.'],
    'pt-PT': ['Se tem uma conta de comerciante', 'É nosso cliente: abriu uma conta para alojar uma loja connosco.'],
  },
  user: {
    en: [
      "If you use a customer's account",
      'A customer gave you your own access to their account, for example as an employee.',
    ],
    'pt-PT': [
      'Se utiliza a conta de um cliente',
      'Um cliente deu-lhe acesso próprio à respetiva conta, por exemplo enquanto trabalhador.',
    ],
  },
  shopper: {
    en: [
      'If you buy from a shop we host',
      'The merchant who runs the shop decides what is done with your data and is responsible for it; we process it on their behalf.',
    ],
    'pt-PT': [
      'Se compra numa loja que alojamos',
      'O comerciante que explora a loja decide o destino dos seus dados e é o responsável pelo tratamento; nós tratamo-los por sua conta.',
    ],
  },
  affiliate: {
    en: ['If you are one of our affiliates', 'You joined our affiliate programme.'],
    'pt-PT': ['Se é um dos nossos afiliados', 'Aderiu ao nosso programa de afiliados.'],
  },
  visitor: {
    en: [
      'If you visit our sites or contact us without an account',
      'This covers browsing our sites, the choice you make in our cookie banner, privacy requests made without signing in, and the records our firewall keeps about the addresses that reach us.',
    ],
    'pt-PT': [
      'Se visita os nossos sítios ou nos contacta sem ter conta',
      'Inclui a navegação nos nossos sítios, a escolha que faz no aviso de cookies, os pedidos de privacidade feitos sem iniciar sessão e os registos que a nossa firewall mantém sobre os endereços que nos contactam.',
    ],
  },
  caller: {
    en: ['If you phone us', 'You called our call centre.'],
    'pt-PT': ['Se nos telefona', 'Contactou o nosso centro de atendimento telefónico.'],
  },
  staff: {
    en: ['Our staff', 'Our own employees are informed by an internal notice.'],
    'pt-PT': ['Os nossos colaboradores', 'Os nossos trabalhadores são informados através de um aviso interno.'],
  },
};

export const categoryWords: Record<Category, Localised<readonly [label: string, description: string]>> = {
  identification: {
    en: ['Who you are', 'Identification data: what tells us who you are, and the choices you made with us.'],
    'pt-PT': [
      'A sua identificação',
      'Dados de identificação: o que nos permite saber quem é, e as opções que tomou connosco.',
    ],
  },
  tracking: {
    en: [
      'How to reach you, and your use of our services',
      'Contact and tracking data: how to reach you, and the records of your devices and visits.',
    ],
    'pt-PT': [
      'Como o contactar e como utiliza os nossos serviços',
      'Dados de contacto e de rastreio: os meios para o contactarmos e os registos dos seus dispositivos e acessos.',
    ],
  },
  authentication: {
    en: ['How you sign in', 'Authentication data: always kept in a form that cannot be read back, or encrypted.'],
    'pt-PT': [
      'A sua autenticação',
      'Dados de autenticação: sempre guardados numa forma que não permite a sua leitura, ou cifrados.',
    ],
  },
  localisation: {
    en: ['Where you are', 'Location data: addresses you give us, and the approximate country of your connection.'],
    'pt-PT': [
      'A sua localização',
      'Dados de localização: as moradas que nos indica e o país aproximado da sua ligação.',
    ],
  },
  financial: {
    en: ['Payments', 'Financial data: only what a payment needs.'],
    'pt-PT': ['Pagamentos', 'Dados financeiros: apenas o que um pagamento exige.'],
  },
  communication: {
    en: ['What you write to us', 'Communication data: your messages and requests, and our answers.'],
    'pt-PT': [
      'As suas comunicações connosco',
      'Dados de comunicação: as suas mensagens e pedidos, e as nossas respostas.',
    ],
  },
};

export const purposeWords: Record<Purpose, Localised> = {
  service: { en: 'to provide the service you signed up for', 'pt-PT': 'prestar o serviço que contratou' },
  billing: { en: 'to bill you and issue your invoices', 'pt-PT': 'faturar e emitir as suas faturas' },
  security: {
    en: 'to protect the platform and its users from attacks and abuse',
    'pt-PT': 'proteger a plataforma e os seus utilizadores contra ataques e abusos',
  },
  accountability: {
    en: 'to be able to show what was done and when, for example that a consent was given or a request answered',
    'pt-PT':
      'poder demonstrar o que foi feito e quando, por exemplo que um consentimento foi prestado ou um pedido respondido',
  },
  marketing: {
    en: 'to send you marketing, only if you agreed to it',
    'pt-PT': 'enviar-lhe comunicações de marketing, apenas se o autorizou',
  },
  support: { en: 'to answer your requests for help', 'pt-PT': 'responder aos seus pedidos de apoio' },
  'legal-compliance': {
    en: 'to meet our legal obligations, such as answering privacy requests and keeping invoices',
    'pt-PT': 'cumprir as nossas obrigações legais, como responder a pedidos de privacidade e conservar faturas',
  },
};

export const basisWords: Record<LegalBasis, Localised<readonly [short: string, full: string]>> = {
  contract: {
    en: ['contract', 'the contract: we need it to provide the service you asked for (GDPR Art. 6(1)(b))'],
    'pt-PT': [
      'contrato',
      'a execução do contrato: precisamos destes dados para prestar o serviço que pediu (artigo 6.º, n.º 1, alínea b), do RGPD)',
    ],
  },
  consent: {
    en: ['your consent', 'your consent, which you may withdraw at any time (GDPR Art. 6(1)(a))'],
    'pt-PT': [
      'consentimento',
      'o seu consentimento, que pode retirar a qualquer momento (artigo 6.º, n.º 1, alínea a), do RGPD)',
    ],
  },
  'legal-obligation': {
    en: ['legal obligation', 'a legal obligation we must meet (GDPR Art. 6(1)(c))'],
    'pt-PT': [
      'obrigação legal',
      'o cumprimento de uma obrigação jurídica a que estamos sujeitos (artigo 6.º, n.º 1, alínea c), do RGPD)',
    ],
  },
  'legitimate-interest': {
    en: [
      'legitimate interest',
      'our legitimate interest in keeping the platform safe and being able to show what happened (GDPR Art. 6(1)(f)); you may object to it',
    ],
    'pt-PT': [
      'interesse legítimo',
      'o nosso interesse legítimo em manter a plataforma segura e poder demonstrar o que aconteceu (artigo 6.º, n.º 1, alínea f), do RGPD); pode opor-se a este tratamento',
    ],
  },
};

export const retentionWords: Record<RetentionRuleId, Localised<readonly [short: string, full: string]>> = {
  'shopper-account': {
    en: [
      'while you keep your account at the shop',
      'For as long as you keep your account at the shop; erased when you ask the shop to erase your data, or when the shop is removed.',
    ],
    'pt-PT': [
      'enquanto mantiver a sua conta na loja',
      'Enquanto mantiver a sua conta na loja; apagados quando pedir à loja que apague os seus dados, ou quando a loja for removida.',
    ],
  },
  'account-lifetime': {
    en: [
      'while your account is open',
      'For as long as your account is open; deleted 3 days after it is closed or, if it ends for non-payment, 60 days after the last unpaid invoice fell due (backup copies 3 days later).',
    ],
    'pt-PT': [
      'enquanto a conta estiver aberta',
      'Enquanto a sua conta estiver aberta; são apagados 3 dias após o encerramento da conta ou, se esta cessar por falta de pagamento, 60 dias após o vencimento da última fatura por pagar (as cópias de segurança, 3 dias mais tarde).',
    ],
  },
  'ip-history': {
    en: [
      'while you are our customer',
      'For as long as your account is open, then deleted by the same rules as the account.',
    ],
    'pt-PT': [
      'enquanto for nosso cliente',
      'Enquanto a sua conta estiver aberta; depois, são apagados segundo as mesmas regras aplicáveis à conta.',
    ],
  },
  'session-lifetime': {
    en: ['until the session ends', 'Until you sign out or the session ends (after 14 days at most), then deleted.'],
    'pt-PT': [
      'até ao fim da sessão',
      'Até terminar a sessão ou esta expirar (no máximo ao fim de 14 dias); depois, são apagados.',
    ],
  },
  'consent-proof': {
    en: [
      'until 3 years after a consent is withdrawn',
      'For as long as your account exists, and for 3 years after you withdraw a consent, so that we can prove it was lawfully given.',
    ],
    'pt-PT': [
      'até 3 anos após a retirada do consentimento',
      'Enquanto a sua conta existir e durante 3 anos após a retirada de um consentimento, para podermos demonstrar que foi validamente prestado.',
    ],
  },
  'rate-window': {
    en: ['a few minutes', 'A few minutes: deleted as soon as the counting window has passed.'],
    'pt-PT': ['alguns minutos', 'Alguns minutos: são apagados logo que termine o período de contagem.'],
  },
  'block-lifetime': {
    en: ['30 days after the block ends', 'For 30 days after the block ends or is lifted, then deleted.'],
    'pt-PT': [
      '30 dias após o fim do bloqueio',
      'Durante 30 dias após o termo ou o levantamento do bloqueio; depois, são apagados.',
    ],
  },
  'audit-trail': {
    en: ['5 years', '5 years. The IP address in an entry is deleted sooner, by the rule for your sign-in history.'],
    'pt-PT': [
      '5 anos',
      '5 anos. O endereço IP de cada registo é apagado mais cedo, segundo a regra aplicável ao histórico de acessos.',
    ],
  },
  'request-record': {
    en: [
      '3 years after our answer',
      '3 years after we answer the request, to show that it was handled; sooner if your account is erased.',
    ],
    'pt-PT': [
      '3 anos após a resposta',
      '3 anos após a resposta ao pedido, para demonstrar que foi tratado; antes disso, se a sua conta for apagada.',
    ],
  },
  'request-intake': {
    en: ['24 hours at most', 'Until you confirm your email address, or 24 hours if you do not.'],
    'pt-PT': [
      '24 horas, no máximo',
      'Até confirmar o seu endereço de correio eletrónico ou, se não o fizer, durante 24 horas.',
    ],
  },
  'fiscal-record': {
    en: [
      '10 years, as tax law requires',
      '10 years from the end of the year in which the invoice was issued, as Portuguese tax law requires, even after you ask us to erase your data; only what the invoice must show is kept.',
    ],
    'pt-PT': [
      '10 anos, por imposição da lei fiscal',
      '10 anos a contar do final do ano de emissão da fatura, como exige a lei fiscal portuguesa, mesmo depois de nos pedir o apagamento dos seus dados; conserva-se apenas o que a fatura tem de conter.',
    ],
  },
  'cart-idle': {
    en: ['30 days after the last change', 'A cart you leave untouched for 30 days is deleted.'],
    'pt-PT': ['30 dias após a última alteração', 'Um carrinho em que não mexa durante 30 dias é apagado.'],
  },
  'shop-order': {
    en: [
      'as long as the shop keeps its sales records',
      'With the order, while the merchant keeps the records of their sales (up to 10 years); erased if you ask, except what the invoice must show.',
    ],
    'pt-PT': [
      'enquanto a loja conservar os registos de vendas',
      'Com a encomenda, enquanto o comerciante conservar os registos das suas vendas (até 10 anos); apagados se o pedir, exceto o que a fatura tem de conter.',
    ],
  },
  'mail-correspondence': {
    en: [
      'while a customer',
      'Emails between us and a customer are kept while they are a customer and erased with the account; any other email is cleared once delivered.',
    ],
    'pt-PT': [
      'enquanto for cliente',
      'Os emails entre nós e um cliente são conservados enquanto for cliente e apagados com a conta; qualquer outro email é limpo assim que é entregue.',
    ],
  },
  'user-invitation': {
    en: [
      'up to 37 days',
      'An invitation to work on an account is deleted when it is accepted, or 30 days after it is revoked or expires (it is valid 7 days).',
    ],
    'pt-PT': [
      'até 37 dias',
      'Um convite para trabalhar numa conta é apagado quando é aceite, ou 30 dias depois de revogado ou expirado (é válido 7 dias).',
    ],
  },
  'staff-employment': {
    en: ['while employed, then 1 year', 'While the person works for us, then 1 year.'],
    'pt-PT': [
      'enquanto durar a relação de trabalho e mais 1 ano',
      'Enquanto a pessoa trabalhar connosco e durante 1 ano após a cessação de funções.',
    ],
  },
};

export const recipientWords: Record<Recipient, Localised> = {
  hosting: { en: 'Hosting datacentre', 'pt-PT': 'Centro de dados de alojamento' },
  backup: { en: 'Backup server', 'pt-PT': 'Servidor de cópias de segurança' },
  invoicing: { en: 'Invoicing software', 'pt-PT': 'Software de faturação' },
  registrars: { en: 'Domain registrars, at your request', 'pt-PT': 'Entidades de registo de domínios, a seu pedido' },
  'email-distribution': { en: 'Email delivery service', 'pt-PT': 'Serviço de envio de correio eletrónico' },
  'cookie-consent': { en: 'Cookie consent service', 'pt-PT': 'Serviço de gestão do consentimento de cookies' },
  'certificate-issuer': { en: 'SSL certificate issuer', 'pt-PT': 'Entidade emissora de certificados SSL' },
  'call-centre': { en: 'Call centre', 'pt-PT': 'Centro de atendimento telefónico' },
  'chat-software': { en: 'Support chat software', 'pt-PT': 'Software de conversação de apoio ao cliente' },
};

export const regionWords: Record<StorageRegion, Localised> = {
  servers: { en: "Our platform's servers", 'pt-PT': 'Servidores da plataforma' },
  backups: { en: 'Backup copies', 'pt-PT': 'Cópias de segurança' },
};
