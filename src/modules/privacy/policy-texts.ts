import type { Localised } from '../../core/privacy/languages.js';

/**
 * Who answers for the data (GDPR Art. 13(1)(a)–(b)): the operator of the installation, from its
 * configuration (CONTROLLER_NAME, CONTROLLER_ADDRESS, CONTROLLER_EMAIL, DPO_EMAIL).
 */
export interface Controller {
  name: string;
  address: string;
  email: string;
  dpoEmail: string;
}

/** Stands for the operator where only the words matter (the texts' hash). */
const placeholderController: Controller = { name: '{name}', address: '{address}', email: '{email}', dpoEmail: '{dpo}' };
export { placeholderController };

export const complaintAuthority = {
  name: 'Comissão Nacional de Proteção de Dados (CNPD)',
  url: 'https://www.cnpd.pt',
  odr: 'https://ec.europa.eu/consumers/odr',
} as const;

export interface Link {
  href: string;
  text: string;
}
export interface Right {
  id: string;
  right: string;
  how: string;
  links: Link[];
}
export interface Cookie {
  name: string;
  category: string;
  purpose: string;
  lifetime: string;
}

/** Every sentence of the policy that is not generated from the data map, in one language. */
export interface PolicyTexts {
  title: string;
  intro: string[];
  headings: {
    contents: string;
    controller: string;
    collected: string;
    sources: string;
    recipients: string;
    retention: string;
    rights: string;
    complaint: string;
    marketing: string;
    cookies: string;
    security: string;
    automated: string;
    changes: string;
    annex: string;
  };
  controller: (c: Controller) => string[];
  collectedIntro: string[];
  legalBasesIntro: string;
  fields: {
    uses: string;
    why: string;
    basis: string;
    kept: string;
    from: string;
    receives: string;
    receivesAll: string;
    receivesNothing: string;
    storedIn: string;
    safeguard: string;
    appliesTo: string;
  };
  source: { subject: string; usage: string };
  sources: string[];
  recipientsIntro: string;
  insideEea: string;
  storageIntro: string;
  retentionIntro: string;
  rightsIntro: string[];
  rights: (c: Controller) => Right[];
  howToUse: (c: Controller) => string[];
  requestLinks: Link[];
  complaint: (a: typeof complaintAuthority) => string[];
  marketing: string[];
  cookiesIntro: string[];
  cookieHead: [string, string, string, string];
  cookies: Cookie[];
  security: string[];
  automatedDecisions: string;
  changes: (version: string) => string;
  annexIntro: string;
  annexHead: [string, string, string, string, string, string, string];
}

const en: PolicyTexts = {
  title: 'Privacy policy',
  intro: [
    'This policy explains what personal data we collect, why, where it comes from, who receives it, how long we keep it, and how you can use your rights.',
    'It is generated from the same declarations the platform uses to store, export and erase personal data, so it says what the platform actually does.',
  ],
  headings: {
    contents: 'Contents',
    controller: 'Who is responsible for your data',
    collected: 'What we collect and why',
    sources: 'Where your data comes from',
    recipients: 'Who receives your data, and where it is stored',
    retention: 'How long we keep it',
    rights: 'Your rights and how to use them',
    complaint: 'Complaints',
    marketing: 'Marketing',
    cookies: 'Cookies',
    security: 'How we protect your data',
    automated: 'Automated decisions',
    changes: 'Changes to this policy',
    annex: 'Technical annex: every item of personal data, field by field',
  },
  controller: (c) => [
    `${c.name}, ${c.address}, is responsible for (the controller of) the personal data described here. The one exception is the data of people who buy from the shops we host: the merchant who runs each shop is responsible for it, and we process it on the merchant's behalf.`,
    `Write to us about your data at ${c.email}. Our data protection officer can be reached at ${c.dpoEmail}.`,
  ],
  collectedIntro: [
    'What we hold depends on how you deal with us. For each kind of data we say why we need it, what allows us by law to use it, and how long we keep it.',
    'To open an account we need your name, email address, telephone number and billing address: without them we cannot provide the service. Your company name and tax number are optional.',
  ],
  legalBasesIntro: 'The legal bases we rely on, as named below:',
  fields: {
    uses: 'Why we hold it, and for how long',
    why: 'Why',
    basis: 'Legal basis',
    kept: 'Kept',
    from: 'Comes from',
    receives: 'Receives',
    receivesAll: 'all the data described in this policy',
    receivesNothing: 'none of your personal data today',
    storedIn: 'Stored in',
    safeguard: 'Safeguard for the transfer outside the EEA',
    appliesTo: 'Applies to',
  },
  source: { subject: 'you', usage: 'your use of our services' },
  sources: [
    'Most of it you give us yourself: when you sign up, change your account, make a request, or choose your cookie preferences.',
    'The rest is produced by your use of our services: sign-ins, sessions, and the records kept by our firewall and our activity log.',
    'Today we obtain no personal data about you from anyone else. Before we start to (for example, to check a tax number with the tax authority), this policy will say so.',
  ],
  recipientsIntro:
    'We share data only with the service providers below, each bound by contract to use it only on our instructions. Where a provider keeps data outside the European Economic Area (EEA), we name the safeguard that protects it.',
  insideEea: 'not needed: the data stays in the EEA',
  storageIntro: 'Our own copies of your data are kept here:',
  retentionIntro: 'We keep each kind of data only as long as we need it, then delete it:',
  rightsIntro: ['You have these rights over your personal data. Using them is free.'],
  rights: () => [
    {
      id: 'access',
      right: 'See your data and get a copy',
      how: 'Your account data is always shown in your customer area. For a full report of everything we hold about you, why, for how long and who receives it, make an access request.',
      links: [],
    },
    {
      id: 'rectification',
      right: 'Correct your data',
      how: 'Change your name, email address, telephone, tax number, company and address yourself in the Account section of your customer area.',
      links: [{ href: '/account/profile', text: 'Account section' }],
    },
    {
      id: 'erasure',
      right: 'Have your data erased',
      how: 'We erase everything, except what invoices and the documents that support them must keep for the period the law sets.',
      links: [],
    },
    {
      id: 'restriction',
      right: 'Restrict how we use it',
      how: 'We then only store the data for the uses you name, and tell you before the restriction ends. Part of the service may be unavailable meanwhile.',
      links: [],
    },
    {
      id: 'portability',
      right: 'Take your data elsewhere',
      how: 'You receive all of it in JSON and CSV files, with a description of every field.',
      links: [],
    },
    {
      id: 'objection',
      right: 'Object',
      how: 'To marketing, at any time and without giving a reason; to a use based on our legitimate interest, on grounds relating to your situation.',
      links: [],
    },
    {
      id: 'consent',
      right: 'Withdraw a consent',
      how: 'At any time, as easily as you gave it. Withdrawing does not affect what was done before.',
      links: [{ href: '/account/privacy', text: 'Privacy page of your customer area' }],
    },
    {
      id: 'documents',
      right: 'Receive the formal documents we hold',
      how: 'The access report includes the terms you accepted, your consents and your privacy requests with our answers.',
      links: [],
    },
  ],
  howToUse: (c) => [
    'If you have an account, sign in and use the Privacy page of your customer area. Without signing in, use our privacy request form: we first confirm your email address with a link, then act on the request.',
    `You may also write to us at ${c.email}.`,
    'We answer within 30 days, and never later than one month after we receive the request. If a request is complex, we may extend this by up to two more months; we would tell you why within the first month.',
  ],
  requestLinks: [
    { href: '/account/privacy', text: 'Privacy page of your customer area' },
    { href: '/privacy/request', text: 'Privacy request form' },
  ],
  complaint: (a) => [
    `If you think we have not handled your data lawfully, you may complain to the Portuguese supervisory authority, the ${a.name}: ${a.url}, or to the supervisory authority of the EU country where you live or work.`,
    `For a dispute about a service bought from us online, you may also use the European Commission's online dispute resolution platform: ${a.odr}.`,
  ],
  marketing: [
    'We send you marketing emails only if you tick the separate box, which is never ticked in advance, when you sign up, or agree later in your account. We record the text you were shown, and when and how you agreed.',
    'You may withdraw at any time on the Privacy page of your customer area, as easily as you agreed. If you object to marketing, your address goes on a suppression list that every marketing email is checked against.',
  ],
  cookiesIntro: [
    'Cookies are small files a website keeps in your browser. We use only the strictly necessary cookies listed below, which need no consent. The customer area uses no other cookie.',
    'Our public site asks you before it would use statistical or marketing cookies: you may accept all, reject all, or choose. Refusing may disable some features. Your choice lasts 30 days, then we ask again. We treat the Global Privacy Control signal of your browser as a refusal of marketing cookies.',
  ],
  cookieHead: ['Cookie', 'Kind', 'What it does', 'How long'],
  cookies: [
    {
      name: 'sr_session',
      category: 'Strictly necessary',
      purpose: 'Keeps you signed in to the customer area',
      lifetime: 'Until you sign out, 14 days at most',
    },
    {
      name: 'sr_staff_session',
      category: 'Strictly necessary',
      purpose: 'Keeps our staff signed in to the staff console',
      lifetime: 'Until sign-out, 14 days at most',
    },
    {
      name: 'sr_device',
      category: 'Strictly necessary',
      purpose:
        'Shows that this browser has signed in to your account before, so failed attempts from elsewhere do not lock you out (it holds your account number, signed; no email)',
      lifetime: '90 days',
    },
    {
      name: 'sr_staff_device',
      category: 'Strictly necessary',
      purpose: 'The same, for our staff signing in to the staff console',
      lifetime: '90 days',
    },
    {
      name: 'sr_consent',
      category: 'Strictly necessary',
      purpose: 'Remembers your cookie choice, and nothing else',
      lifetime: '30 days, then we ask again',
    },
  ],
  security: [
    'A firewall blocks an address that sends too many requests within seconds, or fails to sign in several times in a row.',
    'Passwords are kept only as one-way fingerprints (argon2id); two-step sign-in keys and other secrets are encrypted (AES-256-GCM); connections are encrypted (TLS).',
    'In your customer area you can turn on two-step sign-in, and see and end your active sessions.',
    "Every action of our staff on someone's personal data is written to an activity log that cannot be changed without it showing.",
  ],
  automatedDecisions: 'We take no decision about you by automated means alone, and we do not profile you.',
  changes: (version) =>
    `This page always shows the policy in force: it changes when what we do changes. Version ${version}.`,
  annexIntro:
    'For the technically minded: each column of our database that holds personal data, with its purposes, legal basis, retention rule and recipients, exactly as the software declares it.',
  annexHead: ['Field', 'Kind of data', 'Person', 'Purposes', 'Legal basis', 'Retention rule', 'Recipients'],
};

const ptPT: PolicyTexts = {
  title: 'Política de privacidade',
  intro: [
    'Esta política explica que dados pessoais recolhemos, para que fins, de onde provêm, a quem são comunicados, durante quanto tempo os conservamos e como pode exercer os seus direitos.',
    'É gerada a partir das mesmas declarações que a plataforma utiliza para guardar, exportar e apagar dados pessoais, pelo que descreve aquilo que a plataforma efetivamente faz.',
  ],
  headings: {
    contents: 'Índice',
    controller: 'Responsável pelo tratamento dos seus dados',
    collected: 'Que dados recolhemos e para que fins',
    sources: 'Origem dos dados',
    recipients: 'Destinatários dos dados e local de conservação',
    retention: 'Prazos de conservação',
    rights: 'Os seus direitos e como exercê-los',
    complaint: 'Reclamações',
    marketing: 'Comunicações de marketing',
    cookies: 'Cookies',
    security: 'Como protegemos os seus dados',
    automated: 'Decisões automatizadas',
    changes: 'Alterações a esta política',
    annex: 'Anexo técnico: todos os dados pessoais, campo a campo',
  },
  controller: (c) => [
    `A ${c.name}, com sede em ${c.address}, é a responsável pelo tratamento dos dados pessoais aqui descritos. Excetuam-se os dados de quem compra nas lojas que alojamos: por esses responde o comerciante que explora cada loja, e nós tratamo-los por sua conta, na qualidade de subcontratante.`,
    `Para qualquer questão sobre os seus dados, escreva-nos para ${c.email}. O nosso encarregado da proteção de dados pode ser contactado através de ${c.dpoEmail}.`,
  ],
  collectedIntro: [
    'Os dados que conservamos dependem da relação que tem connosco. Para cada tipo de dados indicamos a finalidade, o fundamento jurídico que nos permite tratá-los e o prazo durante o qual os conservamos.',
    'Para abrir uma conta precisamos do seu nome, endereço de correio eletrónico, número de telefone e morada de faturação: sem eles não podemos prestar o serviço. A denominação da empresa e o número de contribuinte são facultativos.',
  ],
  legalBasesIntro: 'Os fundamentos jurídicos em que nos baseamos, tal como referidos abaixo:',
  fields: {
    uses: 'Para que fins e durante quanto tempo',
    why: 'Finalidade',
    basis: 'Fundamento jurídico',
    kept: 'Conservação',
    from: 'Origem',
    receives: 'Recebe',
    receivesAll: 'todos os dados descritos nesta política',
    receivesNothing: 'atualmente, nenhum dos seus dados pessoais',
    storedIn: 'Países de conservação',
    safeguard: 'Garantia da transferência para fora do EEE',
    appliesTo: 'Aplica-se a',
  },
  source: { subject: 'fornecidos por si', usage: 'gerados pela utilização dos nossos serviços' },
  sources: [
    'A maior parte dos dados é-nos fornecida por si: quando se regista, altera a sua conta, apresenta um pedido ou escolhe as suas preferências de cookies.',
    'Os restantes resultam da utilização que faz dos nossos serviços: inícios de sessão, sessões e os registos da nossa firewall e do nosso registo de atividade.',
    'Atualmente não obtemos dados pessoais seus junto de terceiros. Se o viermos a fazer (por exemplo, para validar um número de contribuinte junto da Autoridade Tributária), esta política indicá-lo-á previamente.',
  ],
  recipientsIntro:
    'Só comunicamos dados aos prestadores de serviços abaixo indicados, vinculados por contrato a tratá-los exclusivamente segundo as nossas instruções. Quando um prestador conserva dados fora do Espaço Económico Europeu (EEE), indicamos a garantia que os protege.',
  insideEea: 'não é necessária: os dados permanecem no EEE',
  storageIntro: 'As nossas próprias cópias dos seus dados são conservadas em:',
  retentionIntro: 'Conservamos cada tipo de dados apenas durante o tempo necessário; depois, apagamo-los:',
  rightsIntro: ['Sobre os seus dados pessoais, tem os direitos seguintes. O seu exercício é gratuito.'],
  rights: () => [
    {
      id: 'access',
      right: 'Aceder aos seus dados e obter uma cópia',
      how: 'Os dados da sua conta estão sempre visíveis na sua área de cliente. Para um relatório completo de tudo o que conservamos a seu respeito, para que fins, durante quanto tempo e a quem é comunicado, apresente um pedido de acesso.',
      links: [],
    },
    {
      id: 'rectification',
      right: 'Retificar os seus dados',
      how: 'Pode alterar o nome, o endereço de correio eletrónico, o telefone, o número de contribuinte, a empresa e a morada na secção Conta da sua área de cliente.',
      links: [{ href: '/account/profile', text: 'Secção Conta' }],
    },
    {
      id: 'erasure',
      right: 'Obter o apagamento dos seus dados',
      how: 'Apagamos todos os dados, com exceção dos que constem de faturas e dos documentos que lhes servem de suporte, que temos de conservar durante o prazo fixado na lei.',
      links: [],
    },
    {
      id: 'restriction',
      right: 'Limitar o tratamento',
      how: 'Passamos a limitar-nos a conservar os dados para as utilizações que indicar e avisamo-lo antes de a limitação terminar. Entretanto, parte do serviço poderá ficar indisponível.',
      links: [],
    },
    {
      id: 'portability',
      right: 'Levar os seus dados consigo (portabilidade)',
      how: 'Recebe todos os dados em ficheiros JSON e CSV, com a descrição de cada campo.',
      links: [],
    },
    {
      id: 'objection',
      right: 'Opor-se ao tratamento',
      how: 'Ao marketing, a qualquer momento e sem necessidade de justificação; a um tratamento baseado no nosso interesse legítimo, por motivos relacionados com a sua situação particular.',
      links: [],
    },
    {
      id: 'consent',
      right: 'Retirar um consentimento',
      how: 'A qualquer momento, com a mesma facilidade com que o deu. A retirada não afeta a licitude do tratamento efetuado até então.',
      links: [{ href: '/account/privacy', text: 'Página Privacidade da sua área de cliente' }],
    },
    {
      id: 'documents',
      right: 'Receber os documentos formais que conservamos',
      how: 'O relatório de acesso inclui os termos que aceitou, os seus consentimentos e os seus pedidos de privacidade, com as nossas respostas.',
      links: [],
    },
  ],
  howToUse: (c) => [
    'Se tem conta, inicie sessão e utilize a página Privacidade da sua área de cliente. Sem iniciar sessão, utilize o nosso formulário de pedidos de privacidade: começamos por confirmar o seu endereço de correio eletrónico através de uma ligação e, depois, damos seguimento ao pedido.',
    `Pode também escrever-nos para ${c.email}.`,
    'Respondemos no prazo de 30 dias e nunca depois de decorrido um mês sobre a receção do pedido. Se o pedido for complexo, esse prazo pode ser prorrogado por até mais dois meses, caso em que lhe comunicaremos os motivos no decurso do primeiro mês.',
  ],
  requestLinks: [
    { href: '/account/privacy', text: 'Página Privacidade da sua área de cliente' },
    { href: '/privacy/request', text: 'Formulário de pedidos de privacidade' },
  ],
  complaint: (a) => [
    `Se considerar que não tratámos os seus dados de forma lícita, pode apresentar reclamação à autoridade de controlo portuguesa, a ${a.name}: ${a.url}, ou à autoridade de controlo do Estado-Membro da União Europeia onde reside ou trabalha.`,
    `Em caso de litígio relativo a um serviço que nos tenha adquirido em linha, pode ainda recorrer à plataforma de resolução de litígios em linha da Comissão Europeia: ${a.odr}.`,
  ],
  marketing: [
    'Só lhe enviamos comunicações de marketing por correio eletrónico se, no registo, assinalar a caixa própria, que nunca vem pré-assinalada, ou se o autorizar mais tarde na sua conta. Registamos o texto que lhe foi apresentado e quando e como deu o seu consentimento.',
    'Pode retirar o consentimento a qualquer momento na página Privacidade da sua área de cliente, com a mesma facilidade com que o deu. Se se opuser ao marketing, o seu endereço é incluído numa lista de exclusão, verificada antes de cada envio.',
  ],
  cookiesIntro: [
    'Os cookies são pequenos ficheiros que um sítio Web guarda no seu navegador. Utilizamos apenas os cookies estritamente necessários indicados abaixo, que não dependem de consentimento. A área de cliente não utiliza nenhum outro cookie.',
    'O nosso sítio público pede o seu consentimento antes de utilizar cookies estatísticos ou de marketing: pode aceitar todos, rejeitar todos ou escolher. A recusa pode desativar algumas funcionalidades. A sua escolha vale por 30 dias; depois, perguntamos de novo. Tratamos o sinal Global Privacy Control do seu navegador como recusa dos cookies de marketing.',
  ],
  cookieHead: ['Cookie', 'Tipo', 'Função', 'Duração'],
  cookies: [
    {
      name: 'sr_session',
      category: 'Estritamente necessário',
      purpose: 'Mantém a sua sessão iniciada na área de cliente',
      lifetime: 'Até terminar a sessão, no máximo 14 dias',
    },
    {
      name: 'sr_staff_session',
      category: 'Estritamente necessário',
      purpose: 'Mantém a sessão dos nossos colaboradores na consola interna',
      lifetime: 'Até ao fim da sessão, no máximo 14 dias',
    },
    {
      name: 'sr_device',
      category: 'Estritamente necessário',
      purpose:
        'Indica que este navegador já iniciou sessão na sua conta, para que tentativas falhadas a partir de outros locais não a bloqueiem (contém o número da sua conta, assinado; nenhum email)',
      lifetime: '90 dias',
    },
    {
      name: 'sr_staff_device',
      category: 'Estritamente necessário',
      purpose: 'O mesmo, para os nossos colaboradores que iniciam sessão na consola interna',
      lifetime: '90 dias',
    },
    {
      name: 'sr_consent',
      category: 'Estritamente necessário',
      purpose: 'Memoriza a sua escolha de cookies, e nada mais',
      lifetime: '30 dias; depois, perguntamos de novo',
    },
  ],
  security: [
    'Uma firewall bloqueia os endereços que enviem demasiados pedidos em poucos segundos ou que falhem várias tentativas de acesso seguidas.',
    'As palavras-passe são guardadas apenas sob a forma de resumos criptográficos irreversíveis (argon2id); as chaves da autenticação em dois passos e outros segredos são cifrados (AES-256-GCM); as ligações são cifradas (TLS).',
    'Na sua área de cliente pode ativar a autenticação em dois passos e consultar e terminar as sessões ativas.',
    'Todas as ações dos nossos colaboradores sobre dados pessoais de terceiros ficam inscritas num registo de atividade que não pode ser alterado sem que tal se detete.',
  ],
  automatedDecisions:
    'Não tomamos decisões a seu respeito exclusivamente com base em meios automatizados, nem procedemos à definição de perfis.',
  changes: (version) =>
    `Esta página apresenta sempre a política em vigor, que muda quando muda aquilo que fazemos. Versão ${version}.`,
  annexIntro:
    'Para quem procura o detalhe técnico: cada coluna da nossa base de dados que contém dados pessoais, com as finalidades, o fundamento jurídico, a regra de conservação e os destinatários, tal como o software os declara.',
  annexHead: [
    'Campo',
    'Tipo de dados',
    'Titular',
    'Finalidades',
    'Fundamento jurídico',
    'Regra de conservação',
    'Destinatários',
  ],
};

export const policyTexts: Localised<PolicyTexts> = { en, 'pt-PT': ptPT };
