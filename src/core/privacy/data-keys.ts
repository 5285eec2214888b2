import type { Localised } from './languages.js';

/** What a person reads about one kind of datum: a short label and one plain sentence. */
export type KeyWords = Localised<readonly [label: string, description: string]>;

/**
 * Every kind of datum the data map may name, with the words the privacy policy uses for it in
 * each language. A column's `key` must be one of these, so a column cannot be declared without
 * the policy being able to say, in plain words, what it holds.
 */
export const dataKeys = {
  'name.first': {
    en: ['First name', 'To know who you are and address you by name.'],
    'pt-PT': ['Nome próprio', 'Para sabermos quem é e nos dirigirmos a si pelo nome.'],
  },
  'name.last': {
    en: ['Surname', 'Together with your first name, it identifies you and appears on invoices.'],
    'pt-PT': ['Apelido', 'Juntamente com o nome próprio, identifica-o e consta das faturas.'],
  },
  'name.full': {
    en: ['Full name', 'The name by which we know you.'],
    'pt-PT': ['Nome completo', 'O nome pelo qual o conhecemos.'],
  },
  'organisation.name': {
    en: ['Company name', 'Optional; when you give it, it appears on your invoices.'],
    'pt-PT': ['Denominação da empresa', 'Facultativa; quando a indica, consta das suas faturas.'],
  },
  'tax.id': {
    en: [
      'Tax number (NIF or VAT number)',
      'Optional; when you give it, it must be valid and it appears on your invoices.',
    ],
    'pt-PT': [
      'Número de identificação fiscal (NIF)',
      'Facultativo; quando o indica, tem de ser válido e consta das suas faturas.',
    ],
  },
  'contact.email': {
    en: [
      'Email address',
      'To reach you: notices about your account, answers to your requests, and marketing only if you agreed to it.',
    ],
    'pt-PT': [
      'Endereço de correio eletrónico',
      'Para o contactarmos: avisos sobre a sua conta, respostas aos seus pedidos e, apenas se o autorizou, comunicações de marketing.',
    ],
  },
  'contact.phone': {
    en: ['Telephone number', 'For urgent matters and important notices when email does not reach you.'],
    'pt-PT': [
      'Número de telefone',
      'Para assuntos urgentes e avisos importantes, quando o correio eletrónico não chega até si.',
    ],
  },
  'address.line1': {
    en: ['Street address', 'The street and number of your billing address.'],
    'pt-PT': ['Morada', 'A rua e o número da sua morada de faturação.'],
  },
  'address.line2': {
    en: ['Address details', 'Floor, flat or other details you add to the address.'],
    'pt-PT': ['Complemento da morada', 'Andar, fração ou outros elementos que acrescente à morada.'],
  },
  'address.postal_code': {
    en: ['Postal code', 'Part of your billing address.'],
    'pt-PT': ['Código postal', 'Faz parte da sua morada de faturação.'],
  },
  'address.city': {
    en: ['Town or city', 'Part of your billing address.'],
    'pt-PT': ['Localidade', 'Faz parte da sua morada de faturação.'],
  },
  'address.country': {
    en: ['Country of the address', 'It decides which tax rules apply to your invoices.'],
    'pt-PT': ['País da morada', 'Determina as regras fiscais aplicáveis às suas faturas.'],
  },
  'location.country': {
    en: ['Approximate country', 'Worked out from the IP address; we do not know more precisely where you are.'],
    'pt-PT': ['País aproximado', 'Deduzido do endereço IP; não sabemos com maior precisão onde se encontra.'],
  },
  'credentials.password_hash': {
    en: [
      'Password, in unreadable form',
      'We keep only a one-way fingerprint of it: nobody, our staff included, can read your password.',
    ],
    'pt-PT': [
      'Palavra-passe, em forma ilegível',
      'Guardamos apenas um resumo criptográfico irreversível: ninguém, nem os nossos colaboradores, consegue ler a sua palavra-passe.',
    ],
  },
  'credentials.session_token_hash': {
    en: [
      'Sign-in session code, in unreadable form',
      "Recognises your signed-in browser; we keep only a one-way fingerprint of the cookie's value.",
    ],
    'pt-PT': [
      'Código da sessão, em forma ilegível',
      'Reconhece o navegador com sessão iniciada; guardamos apenas um resumo criptográfico irreversível do valor do cookie.',
    ],
  },
  'credentials.totp_secret': {
    en: ['Two-step sign-in key', 'The secret your authenticator app shares with us, kept encrypted.'],
    'pt-PT': [
      'Chave da autenticação em dois passos',
      'O segredo que partilhamos com a sua aplicação de autenticação, guardado cifrado.',
    ],
  },
  'credentials.totp_enabled_at': {
    en: ['When two-step sign-in was turned on', 'So that we know to ask for the second step.'],
    'pt-PT': ['Data de ativação da autenticação em dois passos', 'Para sabermos que devemos pedir o segundo passo.'],
  },
  'credentials.recovery_code_hash': {
    en: [
      'Recovery codes, in unreadable form',
      'Let you sign in if you lose your authenticator; we keep only one-way fingerprints of them.',
    ],
    'pt-PT': [
      'Códigos de recuperação, em forma ilegível',
      'Permitem-lhe entrar se perder o autenticador; guardamos apenas resumos criptográficos irreversíveis.',
    ],
  },
  'credentials.recovery_code_used_at': {
    en: ['When a recovery code was used', 'Each code works once.'],
    'pt-PT': ['Data de utilização de um código de recuperação', 'Cada código só pode ser usado uma vez.'],
  },
  'credentials.verification_token_hash': {
    en: [
      'Email confirmation code, in unreadable form',
      'Checks that the confirmation link we emailed you is genuine; the link itself is not kept.',
    ],
    'pt-PT': [
      'Código de confirmação do correio eletrónico, em forma ilegível',
      'Verifica que a ligação de confirmação que lhe enviámos é autêntica; a ligação em si não é guardada.',
    ],
  },
  'credentials.download_token_hash': {
    en: [
      'Download link code, in unreadable form',
      'Checks the single-use link through which you download our answer; the link itself is not kept.',
    ],
    'pt-PT': [
      'Código da ligação de transferência, em forma ilegível',
      'Verifica a ligação de uso único pela qual descarrega a nossa resposta; a ligação em si não é guardada.',
    ],
  },
  'device.ip_address': {
    en: ['IP address', 'The internet address your device used to reach us.'],
    'pt-PT': ['Endereço IP', 'O endereço na Internet que o seu dispositivo utilizou para chegar até nós.'],
  },
  'device.user_agent': {
    en: ['Browser identification', 'The text your browser sends to every website to name itself and its version.'],
    'pt-PT': [
      'Identificação do navegador',
      'O texto que o seu navegador envia a qualquer sítio Web para se identificar, com a respetiva versão.',
    ],
  },
  'device.browser': {
    en: ['Browser and operating system', 'Worked out from the browser identification.'],
    'pt-PT': ['Navegador e sistema operativo', 'Deduzidos da identificação do navegador.'],
  },
  'device.consent_cookie_id': {
    en: ['Cookie-choice number', 'A random number in the cookie that remembers your cookie choice.'],
    'pt-PT': ['Número da escolha de cookies', 'Um número aleatório, guardado no cookie que memoriza a sua escolha.'],
  },
  'device.cart_cookie': {
    en: [
      'Shopping cart code, in unreadable form',
      "Finds the cart your browser filled in a shop; we keep only a one-way fingerprint of the cookie's value.",
    ],
    'pt-PT': [
      'Código do carrinho de compras, em forma ilegível',
      'Encontra o carrinho que o seu navegador encheu numa loja; guardamos apenas um resumo criptográfico irreversível do valor do cookie.',
    ],
  },
  'device.global_privacy_control': {
    en: [
      'Global Privacy Control signal',
      'Whether your browser asks websites not to share your data; we take it as a refusal of marketing cookies.',
    ],
    'pt-PT': [
      'Sinal Global Privacy Control',
      'Se o seu navegador pede aos sítios Web que não partilhem os seus dados; tratamo-lo como recusa dos cookies de marketing.',
    ],
  },
  'device.ip_address_or_login_pseudonym': {
    en: [
      'Blocked address or sign-in name',
      'The IP address, or a keyed one-way code of the email typed at sign-in, while it is blocked after too many attempts.',
    ],
    'pt-PT': [
      'Endereço ou nome de acesso bloqueado',
      'O endereço IP, ou um código irreversível do correio eletrónico introduzido ao entrar, enquanto estiver bloqueado por excesso de tentativas.',
    ],
  },
  'device.request_count': {
    en: ['Number of requests', 'How many requests an address sent in the last minutes, so that floods can be stopped.'],
    'pt-PT': [
      'Número de pedidos',
      'Quantos pedidos um endereço enviou nos últimos minutos, para que se possam travar ataques de saturação.',
    ],
  },
  'session.started_at': {
    en: ['When a session started', 'Shown to you among your active sessions.'],
    'pt-PT': ['Início da sessão', 'É-lhe mostrado entre as suas sessões ativas.'],
  },
  'session.last_seen_at': {
    en: ['Last activity in a session', 'Helps you spot a session that is not yours.'],
    'pt-PT': ['Última atividade na sessão', 'Ajuda-o a detetar uma sessão que não seja sua.'],
  },
  'access.time': {
    en: ['Sign-in times', 'When you opened an account or signed in to the customer area.'],
    'pt-PT': ['Datas de acesso', 'Quando abriu a conta ou entrou na área de cliente.'],
  },
  'account.created_at': {
    en: ['Account opening date', 'When your account was created.'],
    'pt-PT': ['Data de abertura da conta', 'Quando a sua conta foi criada.'],
  },
  'payment.card_summary': {
    en: [
      'Saved card',
      'Its brand, last four digits and expiry, to show you which card pays; never the number or the code.',
    ],
    'pt-PT': [
      'Cartão guardado',
      'A marca, os últimos quatro dígitos e a validade, para saber que cartão paga; nunca o número nem o código.',
    ],
  },
  'payment.iban': {
    en: ['Bank account (IBAN)', 'For the direct debit you authorised; kept encrypted.'],
    'pt-PT': ['Conta bancária (IBAN)', 'Para o débito direto que autorizou; guardado cifrado.'],
  },
  'payment.mandate': {
    en: ['Direct debit mandate', 'Its reference and the date you signed it.'],
    'pt-PT': ['Autorização de débito direto', 'A sua referência e a data em que a assinou.'],
  },
  'user.permissions': {
    en: ['Your permissions on an account', 'What the owner of an account you work on lets you do there.'],
    'pt-PT': ['As suas permissões numa conta', 'O que o titular de uma conta em que trabalha lhe permite fazer nela.'],
  },
  'user.invited_email': {
    en: ['Address of a person you invited', 'Where we sent your invitation to work on your account.'],
    'pt-PT': ['Endereço de uma pessoa que convidou', 'Para onde enviámos o seu convite para trabalhar na sua conta.'],
  },
  'user.added_at': {
    en: ['When you joined an account', 'When you accepted the invitation to work on an account.'],
    'pt-PT': ['Data de adesão a uma conta', 'Quando aceitou o convite para trabalhar numa conta.'],
  },
  'preferences.language': {
    en: ['Language of your notices', 'The language we write our emails and notices to you in.'],
    'pt-PT': ['Língua das suas comunicações', 'A língua em que lhe escrevemos os emails e avisos.'],
  },
  'contract.accepted_at': {
    en: ['When you accepted the terms', 'With the version and language of the terms of service you accepted.'],
    'pt-PT': ['Data de aceitação dos termos', 'Com a versão e a língua dos termos de serviço que aceitou.'],
  },
  'consent.marketing_current': {
    en: ['Marketing preference', 'Whether you currently agree to receive our marketing emails.'],
    'pt-PT': [
      'Preferência quanto a marketing',
      'Se aceita, neste momento, receber as nossas comunicações de marketing por correio eletrónico.',
    ],
  },
  'consent.purpose': {
    en: ['What a consent was for', 'For example, marketing emails.'],
    'pt-PT': ['Finalidade do consentimento', 'Por exemplo, o envio de comunicações de marketing.'],
  },
  'consent.decision': {
    en: ['Your consent choices', 'Whether you accepted or refused each use we asked you about.'],
    'pt-PT': [
      'As suas opções de consentimento',
      'Se aceitou ou recusou cada utilização para a qual pedimos o seu consentimento.',
    ],
  },
  'consent.method': {
    en: ['How you made each choice', 'For example, the sign-up form, the cookie banner or your account settings.'],
    'pt-PT': [
      'Forma de cada opção',
      'Por exemplo, o formulário de registo, o aviso de cookies ou as definições da sua conta.',
    ],
  },
  'consent.time': {
    en: ['When you made each choice', 'With the exact text you were shown at the time.'],
    'pt-PT': ['Data de cada opção', 'Com o texto exato que lhe foi apresentado nesse momento.'],
  },
  'restriction.purpose': {
    en: ['Uses you asked us to stop', 'While a restriction lasts, we only store the data for that use.'],
    'pt-PT': [
      'Tratamentos cuja limitação pediu',
      'Enquanto durar a limitação, limitamo-nos a conservar os dados para esse fim.',
    ],
  },
  'restriction.time': {
    en: ['When a restriction started', 'So that we can tell you before it ends.'],
    'pt-PT': ['Data de início da limitação', 'Para o podermos avisar antes de terminar.'],
  },
  'request.type': {
    en: ['Kind of privacy request', 'Access, portability, rectification, restriction, erasure or objection.'],
    'pt-PT': [
      'Tipo de pedido de privacidade',
      'Acesso, portabilidade, retificação, limitação, apagamento ou oposição.',
    ],
  },
  'request.details': {
    en: ['What you wrote in a privacy request', 'So that we can answer exactly what you asked.'],
    'pt-PT': ['O que escreveu num pedido de privacidade', 'Para podermos responder exatamente ao que pediu.'],
  },
  'request.time': {
    en: ['When you made a request', 'The deadline for our answer counts from it.'],
    'pt-PT': ['Data do pedido', 'O prazo da nossa resposta conta-se a partir dela.'],
  },
  'request.extension_reason': {
    en: ['Why we extended a deadline', 'What we told you when a request needed more time.'],
    'pt-PT': ['Fundamento da prorrogação do prazo', 'O que lhe comunicámos quando um pedido precisou de mais tempo.'],
  },
  'mail.subject': {
    en: ['Subject of an email', 'The subject line of an email we sent you.'],
    'pt-PT': ['Assunto de um email', 'O assunto de um email que lhe enviámos.'],
  },
  'mail.body': {
    en: ['Content of an email', 'What an email we sent you said, as text and as HTML.'],
    'pt-PT': ['Conteúdo de um email', 'O que dizia um email que lhe enviámos, em texto e em HTML.'],
  },
  'request.refusal_reason': {
    en: ['Why we refused a request', 'What we told you, with your right to complain.'],
    'pt-PT': [
      'Fundamento da recusa de um pedido',
      'O que lhe comunicámos, com a indicação do seu direito de reclamar.',
    ],
  },
  'security.block_time': {
    en: ['When a block started', 'Blocks end by themselves after a while.'],
    'pt-PT': ['Data do bloqueio', 'Os bloqueios terminam por si ao fim de algum tempo.'],
  },
  'security.attempt_time': {
    en: ['Time of the last failed sign-in', 'Failed attempts in a row lead to a temporary block.'],
    'pt-PT': [
      'Data da última tentativa de acesso falhada',
      'Várias tentativas falhadas seguidas levam a um bloqueio temporário.',
    ],
  },
  'reference.actor_id': {
    en: ['Your reference in our activity log', 'An internal number, not your name, recording who did what.'],
    'pt-PT': [
      'A sua referência no registo de atividade',
      'Um número interno, e não o seu nome, que regista quem fez o quê.',
    ],
  },
  'reference.target_id': {
    en: ['What an action concerned', 'Internal references of the records an action was about.'],
    'pt-PT': ['Objeto de cada ação', 'Referências internas dos registos a que uma ação disse respeito.'],
  },
  'staff.roles': {
    en: ['Staff roles', 'What a member of our staff may do in the staff console.'],
    'pt-PT': ['Funções do colaborador', 'O que cada colaborador pode fazer na consola interna.'],
  },
  'invoice.note': {
    en: ['Notes on an invoice', 'What you asked us to write on it.'],
    'pt-PT': ['Observações de uma fatura', 'O que nos pediu que nela constasse.'],
  },
} as const satisfies Record<string, KeyWords>;

export type DataKey = keyof typeof dataKeys;

export function isDataKey(key: string): key is DataKey {
  return Object.hasOwn(dataKeys, key);
}
