import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Field, TextArea, useToast } from '../../ui/ui';
import { shopKey, useAction, useShop, useWords } from './shared';
import { themeKey, useThemeOverview } from './Theme';
import { ThemePreview } from './ThemePreview';

// The default theme's files a shop may change (the server's `editablePath`); snippets may be added.
const themeFiles = [
  'layout/theme.liquid',
  ...['index', 'collection', 'product', 'search', 'cart', 'checkout', 'order', '404', 'unavailable'].map(
    (t) => `templates/${t}.liquid`,
  ),
  ...[
    'head',
    'product-card',
    'price',
    'image',
    'pagination',
    'cookie-banner',
    'consent-form',
    'csrf',
    'field',
    'choices',
    'address',
    'address-fields',
    'checkout-summary',
    'error-summary',
  ].map((s) => `snippets/${s}.liquid`),
];

const words = {
  en: {
    title: 'Edit theme code',
    back: 'Theme',
    files: 'Files',
    changed: 'changed',
    newSnippet: 'New snippet name',
    newSnippetHint: 'Lower-case letters, digits and hyphens; use it with {% render "name" %}.',
    addSnippet: 'Add snippet',
    source: (path: string) => `Liquid source of ${path}`,
    own: 'This shop’s version of this file.',
    fromDefault:
      'This file is the default theme’s. Its source cannot be fetched here yet: what you save replaces the whole file.',
    note: 'Note for this version (optional)',
    save: 'Save and make live',
    saved: (n: number) => `Version ${n} is live.`,
    restore: 'Use the default file again',
    nothing: 'Change a file first.',
    problems: 'Nothing was saved. Fix these files:',
  },
  'pt-PT': {
    title: 'Editar o código do tema',
    back: 'Tema',
    files: 'Ficheiros',
    changed: 'alterado',
    newSnippet: 'Nome do novo snippet',
    newSnippetHint: 'Letras minúsculas, algarismos e hífenes; use-o com {% render "nome" %}.',
    addSnippet: 'Adicionar snippet',
    source: (path: string) => `Código Liquid de ${path}`,
    own: 'A versão desta loja deste ficheiro.',
    fromDefault:
      'Este ficheiro é o do tema predefinido. O seu código ainda não pode ser obtido aqui: o que guardar substitui o ficheiro inteiro.',
    note: 'Nota desta versão (opcional)',
    save: 'Guardar e usar',
    saved: (n: number) => `A versão ${n} está em uso.`,
    restore: 'Voltar ao ficheiro predefinido',
    nothing: 'Altere primeiro um ficheiro.',
    problems: 'Nada foi guardado. Corrija estes ficheiros:',
  },
} as const;

/** "Edit code": the live version's files in a text editor; a save is a new live version, refused with file and line. */
export function ThemeCode() {
  const { t } = useI18n();
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const { shopId } = useParams({ from: '/account/shops/$shopId/theme/code' });
  const shop = useShop(shopId).data;
  const overview = useThemeOverview(shopId).data;
  const saved = useQuery({
    queryKey: shopKey(shopId, 'theme', 'files'),
    queryFn: async () =>
      (await call(client.GET('/api/v1/shops/{shopId}/theme/files', { params: { path: { shopId } } }))).files,
  });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<string[]>([]);
  const [current, setCurrent] = useState(themeFiles[1]!);
  const [note, setNote] = useState('');
  const [snippet, setSnippet] = useState('');
  const [snippetError, setSnippetError] = useState<string | undefined>();

  if (!saved.data) return <p>{saved.error ? saved.error.message : t('common.loading')}</p>;
  const own = saved.data;
  const paths = [...new Set([...themeFiles, ...Object.keys(own), ...added])];
  const changedPaths = Object.keys(drafts).filter((p) => drafts[p] !== (own[p] ?? ''));
  const problemOf = (path: string) => action.fields[`files.${path}`];
  const failing = Object.keys(action.fields)
    .filter((f) => f.startsWith('files.'))
    .map((f) => f.slice('files.'.length));

  const send = (files: Record<string, string | null>) =>
    action.run(async () => {
      const r = await call(
        client.POST('/api/v1/shops/{shopId}/theme/versions', {
          params: { path: { shopId } },
          body: { files, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      toast(w.saved(r.number));
      setDrafts({});
      setNote('');
      await queries.invalidateQueries({ queryKey: themeKey(shopId) });
    });
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (changedPaths.length === 0) {
      action.setError(w.nothing);
      return;
    }
    void send(Object.fromEntries(changedPaths.map((p) => [p, drafts[p]!])));
  };
  const addSnippet = () => {
    const name = snippet.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(name)) {
      setSnippetError(w.newSnippetHint);
      return;
    }
    const path = `snippets/${name}.liquid`;
    setSnippetError(undefined);
    setSnippet('');
    setAdded((a) => [...a, path]);
    setCurrent(path);
  };
  const text = drafts[current] ?? own[current] ?? '';

  return (
    <>
      <p>
        <Link to="/account/shops/$shopId/theme" params={{ shopId }}>
          ← {w.back}
        </Link>
      </p>
      <h1>{w.title}</h1>
      {failing.length > 0 && (
        <Alert kind="error">
          {w.problems}
          <ul>
            {failing.map((p) => (
              <li key={p}>
                <button type="button" className="linklike" onClick={() => setCurrent(p)}>
                  {p}
                </button>
                : {problemOf(p)}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {action.error && failing.length === 0 && <Alert kind="error">{action.error}</Alert>}
      <div className="code-layout">
        <nav aria-label={w.files} className="card file-nav">
          <h2>{w.files}</h2>
          <ul>
            {paths.map((p) => (
              <li key={p}>
                <button
                  type="button"
                  className="linklike"
                  aria-current={p === current ? 'true' : undefined}
                  onClick={() => setCurrent(p)}
                >
                  {p}
                </button>
                {(p in own || changedPaths.includes(p)) && <span className="muted"> ({w.changed})</span>}
              </li>
            ))}
          </ul>
          <div className="field-group">
            <Field
              label={w.newSnippet}
              value={snippet}
              error={snippetError}
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => setSnippet(e.target.value)}
            />
            <Button type="button" variant="secondary" onClick={addSnippet}>
              {w.addSnippet}
            </Button>
          </div>
        </nav>
        <Card>
          <form onSubmit={save} noValidate>
            <p className="muted">{current in own ? w.own : w.fromDefault}</p>
            <TextArea
              key={current}
              className="code"
              label={w.source(current)}
              rows={24}
              spellCheck={false}
              value={text}
              error={problemOf(current)}
              onChange={(e) => setDrafts((d) => ({ ...d, [current]: e.target.value }))}
            />
            <Field label={w.note} value={note} onChange={(e) => setNote(e.target.value)} />
            <div className="actions">
              <Button type="submit" busy={action.busy}>
                {w.save}
              </Button>
              {current in own && (
                <Button
                  type="button"
                  variant="secondary"
                  busy={action.busy}
                  onClick={() => void send({ [current]: null })}
                >
                  {w.restore}
                </Button>
              )}
            </div>
          </form>
        </Card>
      </div>
      {shop && <ThemePreview url={shop.url} version={String(overview?.active ?? null)} />}
    </>
  );
}
