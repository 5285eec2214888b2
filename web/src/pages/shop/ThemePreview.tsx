import { useState } from 'react';
import { Button, Card } from '../../ui/ui';
import { useWords } from './shared';

const words = {
  en: {
    title: 'Live preview',
    show: 'Show the preview',
    hide: 'Hide the preview',
    reload: 'Reload',
    frame: 'Your shop, as visitors see it',
    open: 'Open the shop in a new tab',
  },
  'pt-PT': {
    title: 'Pré-visualização',
    show: 'Mostrar a pré-visualização',
    hide: 'Esconder a pré-visualização',
    reload: 'Recarregar',
    frame: 'A sua loja, como os visitantes a veem',
    open: 'Abrir a loja num novo separador',
  },
} as const;

/**
 * The storefront in a frame, loaded again whenever `version` changes (after a save or rollback).
 * Shown on request: the shop lives at its own host, and a frame is a page load of its own.
 */
export function ThemePreview({ url, version }: { url: string; version: string }) {
  const w = useWords(words);
  const [shown, setShown] = useState(false);
  const [reloads, setReloads] = useState(0);
  return (
    <Card title={w.title}>
      <div className="actions">
        <Button variant="secondary" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
          {shown ? w.hide : w.show}
        </Button>
        {shown && (
          <Button variant="secondary" onClick={() => setReloads((n) => n + 1)}>
            {w.reload}
          </Button>
        )}
        <a className="btn btn-secondary" href={url} target="_blank" rel="noreferrer">
          {w.open}
        </a>
      </div>
      {shown && <iframe key={`${version}:${reloads}`} className="preview" src={url} title={w.frame} />}
    </Card>
  );
}
