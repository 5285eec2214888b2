import { useState, type FormEvent } from 'react';
import { call, client, type Account } from '../../api';
import { Alert, Button, Card, SelectField, useToast } from '../../ui/ui';
import { useAction, useWords } from '../shop/shared';

type Language = Account['language'];
const languages = ['en', 'pt-PT'] as const satisfies readonly Language[];
// Each language by its own name, as a reader of it looks for it.
const names: Record<Language, string> = { en: 'English', 'pt-PT': 'Português' };

// Its own words beside it, as the newer pages keep theirs (see StaffNav).
const words = {
  en: {
    title: 'Language of emails and notices',
    text: 'The language SellRocket writes to you in: proforma invoices and payment reminders, notices about your shops and your account. The language of these pages is chosen at the top of the page.',
    label: 'Write to me in',
    choose: 'Choose a language',
    save: 'Save the language',
    saved: (name: string) => `Emails and notices will be written in ${name}.`,
  },
  'pt-PT': {
    title: 'Idioma dos emails e avisos',
    text: 'O idioma em que a SellRocket lhe escreve: faturas pró-forma e lembretes de pagamento, avisos sobre as suas lojas e a sua conta. O idioma destas páginas escolhe-se no topo da página.',
    label: 'Escrever-me em',
    choose: 'Escolha um idioma',
    save: 'Guardar o idioma',
    saved: (name: string) => `Os emails e avisos passam a ser escritos em ${name}.`,
  },
} as const;

/**
 * The language notices and emails are written in (PATCH of the account), apart from the language on
 * screen: of the account shown (the person's own, or the one they work on), saved back through `onSaved`.
 */
export function NoticeLanguage({ account, onSaved }: { account: Account; onSaved: (a: Account) => void }) {
  const w = useWords(words);
  const toast = useToast();
  const action = useAction();
  const [language, setLanguage] = useState<string>(account.language);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = languages.find((l) => l === language);
    if (!chosen) {
      action.setFields({ language: w.choose });
      return;
    }
    void action.run(async () => {
      onSaved(await call(client.PATCH('/api/v1/account', { body: { language: chosen } })));
      toast(w.saved(names[chosen]));
    });
  };
  return (
    <Card title={w.title}>
      <p className="field-hint">{w.text}</p>
      <form onSubmit={submit} noValidate aria-label={w.title}>
        {action.error && <Alert kind="error">{action.error}</Alert>}
        <SelectField
          label={w.label}
          placeholder={w.choose}
          value={language}
          error={action.fields.language}
          onChange={(e) => {
            setLanguage(e.target.value);
            action.clear();
          }}
          options={languages.map((l) => ({ value: l, label: names[l] }))}
        />
        <Button type="submit" busy={action.busy}>
          {w.save}
        </Button>
      </form>
    </Card>
  );
}
