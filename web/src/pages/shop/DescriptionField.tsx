import MarkdownIt from 'markdown-it';
import { useMemo, useState } from 'react';
import { TextArea } from '../../ui/ui';
import { useWords } from './shared';

// As the server renders descriptions: raw HTML stays text, and markdown-it refuses javascript: links.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const words = {
  en: {
    label: 'Description',
    hint: 'Markdown: **bold**, *italic*, - lists, [links](https://example.com). HTML is shown as text.',
    write: 'Write',
    preview: 'Preview',
    empty: 'Nothing to preview yet.',
    previewLabel: 'Description preview',
    modes: 'Write or preview the description',
  },
  'pt-PT': {
    label: 'Descrição',
    hint: 'Markdown: **negrito**, *itálico*, - listas, [ligações](https://example.com). O HTML aparece como texto.',
    write: 'Escrever',
    preview: 'Pré-visualizar',
    empty: 'Ainda não há nada para pré-visualizar.',
    previewLabel: 'Pré-visualização da descrição',
    modes: 'Escrever ou pré-visualizar a descrição',
  },
} as const;

/** The product's Markdown description, with a preview rendered as the storefront will show it. */
export function DescriptionField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  const w = useWords(words);
  const [previewing, setPreviewing] = useState(false);
  const html = useMemo(() => (previewing && value.trim() ? md.render(value) : ''), [previewing, value]);
  return (
    <div className="description">
      <div className="tabs" role="group" aria-label={w.modes}>
        <button type="button" className="tab" aria-pressed={!previewing} onClick={() => setPreviewing(false)}>
          {w.write}
        </button>
        <button type="button" className="tab" aria-pressed={previewing} onClick={() => setPreviewing(true)}>
          {w.preview}
        </button>
      </div>
      {previewing ? (
        <section className="markdown-preview" aria-label={w.previewLabel}>
          {html ? <div dangerouslySetInnerHTML={{ __html: html }} /> : <p className="muted">{w.empty}</p>}
        </section>
      ) : (
        <TextArea
          label={w.label}
          hint={w.hint}
          rows={8}
          value={value}
          error={error}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}
