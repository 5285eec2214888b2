import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { call, client } from '../../api';
import { useI18n } from '../../i18n';
import { Alert, Button, Card, Table, useToast } from '../../ui/ui';
import { ConfirmDialog, shopKey, useAction, useShop, useWords } from './shared';
import { HomeCollections } from './HomeCollections';
import { ThemePreview } from './ThemePreview';

const words = {
  en: {
    title: 'Theme',
    live: 'Live theme',
    liveVersion: (n: number) => `Version ${n} of your changes is live.`,
    liveDefault: 'The default theme is live.',
    editCode: 'Edit code',
    reset: 'Use the default theme',
    resetTitle: 'Show the default theme again?',
    resetText: 'Your saved versions are kept: you can make any of them live again later.',
    resetDone: 'The default theme is live.',
    lastError: (n: number, at: string) =>
      `Version ${n} failed while showing a page (${at}); visitors saw the version live before it instead:`,
    colours: 'Colours',
    coloursText: 'The theme takes its colours from the shop’s branding.',
    coloursLink: 'Change them in Settings',
    versions: 'Versions',
    noVersions: 'No saved version yet: edit the code to make one.',
    number: 'Version',
    note: 'Note',
    saved: 'Saved',
    files: 'Files',
    activate: 'Make live',
    activateLabel: (n: number) => `Make live: version ${n}`,
    activated: (n: number) => `Version ${n} is live.`,
    isLive: 'Live',
  },
  'pt-PT': {
    title: 'Tema',
    live: 'Tema em uso',
    liveVersion: (n: number) => `A versão ${n} das suas alterações está em uso.`,
    liveDefault: 'O tema predefinido está em uso.',
    editCode: 'Editar o código',
    reset: 'Usar o tema predefinido',
    resetTitle: 'Voltar ao tema predefinido?',
    resetText: 'As versões guardadas mantêm-se: pode voltar a usar qualquer uma mais tarde.',
    resetDone: 'O tema predefinido está em uso.',
    lastError: (n: number, at: string) =>
      `A versão ${n} falhou ao mostrar uma página (${at}); os visitantes viram a versão anterior:`,
    colours: 'Cores',
    coloursText: 'O tema usa as cores da identidade da loja.',
    coloursLink: 'Mude-as nas Definições',
    versions: 'Versões',
    noVersions: 'Ainda não há versões guardadas: edite o código para criar uma.',
    number: 'Versão',
    note: 'Nota',
    saved: 'Guardada',
    files: 'Ficheiros',
    activate: 'Usar',
    activateLabel: (n: number) => `Usar: versão ${n}`,
    activated: (n: number) => `A versão ${n} está em uso.`,
    isLive: 'Em uso',
  },
} as const;

export const themeKey = (shopId: string) => shopKey(shopId, 'theme');

export function useThemeOverview(shopId: string) {
  return useQuery({
    queryKey: themeKey(shopId),
    queryFn: () => call(client.GET('/api/v1/shops/{shopId}/theme', { params: { path: { shopId } } })),
  });
}

/** The shop's theme: what is live, the last render error, versions with one-click rollback, reset. */
export function Theme() {
  const { t, formatDate } = useI18n();
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const action = useAction();
  const [confirming, setConfirming] = useState(false);
  // Bumped when a theme setting is saved, so the live preview shows it.
  const [previewKey, setPreviewKey] = useState(0);
  const { shopId } = useParams({ from: '/account/shops/$shopId/theme' });
  const shop = useShop(shopId).data;
  const theme = useThemeOverview(shopId);
  const th = theme.data;
  const refresh = () => queries.invalidateQueries({ queryKey: themeKey(shopId) });
  const activate = (versionId: string, n: number) =>
    action.run(async () => {
      await call(
        client.POST('/api/v1/shops/{shopId}/theme/versions/{versionId}/activate', {
          params: { path: { shopId, versionId } },
        }),
      );
      toast(w.activated(n));
      await refresh();
    });
  const reset = async () => {
    await action.run(async () => {
      await call(client.POST('/api/v1/shops/{shopId}/theme/reset', { params: { path: { shopId } } }));
      toast(w.resetDone);
      await refresh();
    });
    setConfirming(false);
  };
  return (
    <>
      <h1>{w.title}</h1>
      {!th ? (
        <p>{theme.error ? theme.error.message : t('common.loading')}</p>
      ) : (
        <>
          {th.lastError && (
            <Alert kind="error">
              {w.lastError(th.lastError.version, formatDate(th.lastError.at))} <code>{th.lastError.message}</code>
            </Alert>
          )}
          {action.error && <Alert kind="error">{action.error}</Alert>}
          <Card title={w.live}>
            <p>{th.active === null ? w.liveDefault : w.liveVersion(th.active)}</p>
            <div className="actions">
              <Link className="btn btn-primary" to="/account/shops/$shopId/theme/code" params={{ shopId }}>
                {w.editCode}
              </Link>
              {th.active !== null && (
                <Button variant="secondary" onClick={() => setConfirming(true)}>
                  {w.reset}
                </Button>
              )}
            </div>
          </Card>
          <Card title={w.colours}>
            <p>
              {w.coloursText}{' '}
              <Link to="/account/shops/$shopId/settings" params={{ shopId }}>
                {w.coloursLink}
              </Link>
            </p>
          </Card>
          <HomeCollections shopId={shopId} onSaved={() => setPreviewKey((k) => k + 1)} />
          <Card title={w.versions}>
            <Table
              caption={w.versions}
              head={[w.number, w.note, w.saved, w.files, '']}
              empty={w.noVersions}
              rows={th.versions.map((v) => [
                v.number,
                v.note || '—',
                formatDate(v.createdAt),
                <span key="f" className="file-list">
                  {v.files.join(', ')}
                </span>,
                v.number === th.active ? (
                  <span key="a" className="badge">
                    {w.isLive}
                  </span>
                ) : (
                  <Button
                    key="a"
                    variant="secondary"
                    className="btn btn-secondary btn-small"
                    aria-label={w.activateLabel(v.number)}
                    busy={action.busy}
                    onClick={() => void activate(v.id, v.number)}
                  >
                    {w.activate}
                  </Button>
                ),
              ])}
            />
          </Card>
          {shop && <ThemePreview url={shop.url} version={`${th.active}-${previewKey}`} />}
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={w.resetTitle}
        confirmLabel={w.reset}
        busy={action.busy}
        onConfirm={() => void reset()}
        onClose={() => setConfirming(false)}
      >
        <p>{w.resetText}</p>
      </ConfirmDialog>
    </>
  );
}
