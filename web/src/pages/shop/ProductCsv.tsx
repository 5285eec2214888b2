import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, type FieldError } from '../../api';
import { Alert, Button, Card, useToast } from '../../ui/ui';
import { sendRaw, shopKey, useProblemText, useWords } from './shared';

const words = {
  en: {
    title: 'Products as CSV',
    text: 'Shopify’s product CSV columns, plus Status, VAT Rate and Collections. An import is checked whole first: if any row is wrong, nothing is imported.',
    export: 'Download all products (CSV)',
    file: 'CSV file to import',
    import: 'Import',
    choose: 'Choose a CSV file first.',
    imported: (n: number, created: number, updated: number) =>
      `${n} products imported: ${created} new, ${updated} updated.`,
    report: 'Nothing was imported. Fix these rows and import the file again:',
  },
  'pt-PT': {
    title: 'Produtos em CSV',
    text: 'As colunas do CSV de produtos da Shopify, mais Status, VAT Rate e Collections. Uma importação é verificada toda primeiro: se alguma linha estiver errada, nada é importado.',
    export: 'Descarregar todos os produtos (CSV)',
    file: 'Ficheiro CSV a importar',
    import: 'Importar',
    choose: 'Escolha primeiro um ficheiro CSV.',
    imported: (n: number, created: number, updated: number) =>
      `${n} produtos importados: ${created} novos, ${updated} atualizados.`,
    report: 'Nada foi importado. Corrija estas linhas e importe o ficheiro de novo:',
  },
} as const;

/** CSV export (a download) and import (the file as a text/csv body; the per-row report on refusal). */
export function ProductCsv({ shopId }: { shopId: string }) {
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const problemText = useProblemText();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<FieldError[]>([]);

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setReport([]);
    const file = input.current?.files?.[0];
    if (!file) {
      setError(w.choose);
      return;
    }
    setBusy(true);
    try {
      const r = await sendRaw<{ products: number; created: number; updated: number }>(
        `/api/v1/shops/${encodeURIComponent(shopId)}/products/import`,
        { method: 'POST', headers: { 'content-type': 'text/csv' }, body: await file.text() },
      );
      toast(w.imported(r.products, r.created, r.updated));
      if (input.current) input.current.value = '';
      await queries.invalidateQueries({ queryKey: shopKey(shopId) });
    } catch (err) {
      if (err instanceof ApiError && err.errors.length > 0) setReport(err.errors);
      else setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={w.title}>
      <p className="muted">{w.text}</p>
      <p>
        <a className="btn btn-secondary" href={`/api/v1/shops/${encodeURIComponent(shopId)}/products/export`} download>
          {w.export}
        </a>
      </p>
      <form onSubmit={upload} noValidate className="inline-form">
        <div className="field">
          <label htmlFor={id}>{w.file}</label>
          <input
            id={id}
            ref={input}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={report.length ? `${id}-report` : undefined}
          />
        </div>
        <Button type="submit" variant="secondary" busy={busy}>
          {w.import}
        </Button>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {report.length > 0 && (
        <div className="alert alert-error import-report" role="alert" id={`${id}-report`}>
          <p>{w.report}</p>
          <ul>
            {report.map((r, i) => (
              <li key={i}>
                <strong>{r.field}</strong>: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}
