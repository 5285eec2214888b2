import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { ApiError, call, client, type ResponseOf } from '../../api';
import { Alert, Button, Card, Field, useToast } from '../../ui/ui';
import { sendRaw, shopKey, useProblemText, useWords } from './shared';

type Image = ResponseOf<'/api/v1/shops/{shopId}/products/{productId}/images', 'get'>['items'][number];

const words = {
  en: {
    title: 'Images',
    none: 'No image yet.',
    drop: 'Drop images here, or choose them:',
    dropping: 'Drop to upload',
    choose: 'Choose images',
    alt: 'Alt text for the images you upload',
    altHint: 'What the picture shows, for people who cannot see it.',
    types: 'JPEG, PNG, WebP, AVIF or GIF, up to 10 MB. Each file is scanned and its metadata (GPS, camera) removed.',
    uploading: (name: string) => `Uploading ${name}…`,
    uploaded: (name: string) => `${name} uploaded.`,
    refused: (name: string) => `${name} was not accepted:`,
    image: (n: number) => `Image ${n}`,
    size: (w: number, h: number, type: string) => `${w} × ${h} px, ${type}`,
    altOf: (n: number) => `Alt text of image ${n}`,
    saveAlt: 'Save alt text',
    altSaved: 'Alt text saved.',
    up: (n: number) => `Move image ${n} up`,
    down: (n: number) => `Move image ${n} down`,
    remove: (n: number) => `Delete image ${n}`,
    removed: 'Image deleted.',
    view: (n: number) => `View image ${n}`,
    upLabel: 'Up',
    downLabel: 'Down',
    removeLabel: 'Delete',
    viewLabel: 'View',
  },
  'pt-PT': {
    title: 'Imagens',
    none: 'Ainda não há imagens.',
    drop: 'Largue aqui as imagens, ou escolha-as:',
    dropping: 'Largue para carregar',
    choose: 'Escolher imagens',
    alt: 'Texto alternativo das imagens que carregar',
    altHint: 'O que a imagem mostra, para quem não a pode ver.',
    types:
      'JPEG, PNG, WebP, AVIF ou GIF, até 10 MB. Cada ficheiro é analisado e os seus metadados (GPS, câmara) removidos.',
    uploading: (name: string) => `A carregar ${name}…`,
    uploaded: (name: string) => `${name} carregada.`,
    refused: (name: string) => `${name} não foi aceite:`,
    image: (n: number) => `Imagem ${n}`,
    size: (w: number, h: number, type: string) => `${w} × ${h} px, ${type}`,
    altOf: (n: number) => `Texto alternativo da imagem ${n}`,
    saveAlt: 'Guardar o texto alternativo',
    altSaved: 'Texto alternativo guardado.',
    up: (n: number) => `Subir a imagem ${n}`,
    down: (n: number) => `Descer a imagem ${n}`,
    remove: (n: number) => `Apagar a imagem ${n}`,
    removed: 'Imagem apagada.',
    view: (n: number) => `Ver a imagem ${n}`,
    upLabel: 'Subir',
    downLabel: 'Descer',
    removeLabel: 'Apagar',
    viewLabel: 'Ver',
  },
} as const;

/**
 * A product's images: upload by drag and drop or a file input (multipart), alt text, order, delete.
 * The files are served on the shop's own host, which this page's security policy does not load
 * images from: each image links to its largest size there instead of showing a thumbnail.
 */
export function ProductImages({ shopId, productId, shopUrl }: { shopId: string; productId: string; shopUrl: string }) {
  const w = useWords(words);
  const toast = useToast();
  const queries = useQueryClient();
  const problemText = useProblemText();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const key = shopKey(shopId, 'product', productId, 'images');
  const images = useQuery({
    queryKey: key,
    queryFn: async () =>
      (
        await call(
          client.GET('/api/v1/shops/{shopId}/products/{productId}/images', {
            params: { path: { shopId, productId } },
          }),
        )
      ).items,
  });
  const [alt, setAlt] = useState('');
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [refusals, setRefusals] = useState<{ name: string; reasons: string[] }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: key });
  const base = `/api/v1/shops/${encodeURIComponent(shopId)}/products/${encodeURIComponent(productId)}/images`;

  const upload = async (files: File[]) => {
    setRefusals([]);
    setError(null);
    const refused: { name: string; reasons: string[] }[] = [];
    // One at a time: each is scanned and resized on the server, and a refusal names its own file.
    for (const file of files) {
      setProgress(w.uploading(file.name));
      const body = new FormData();
      body.append('alt', alt);
      body.append('file', file);
      try {
        await sendRaw<Image>(base, { method: 'POST', body });
        toast(w.uploaded(file.name));
      } catch (err) {
        const reasons =
          err instanceof ApiError && err.errors.length ? err.errors.map((e) => e.message) : [problemText(err)];
        refused.push({ name: file.name, reasons });
      }
    }
    setProgress(null);
    setRefusals(refused);
    if (input.current) input.current.value = '';
    await refresh();
  };

  const change = async (image: Image, body: { alt?: string; position?: number }, done?: string) => {
    setError(null);
    try {
      await call(
        client.PATCH('/api/v1/shops/{shopId}/products/{productId}/images/{imageId}', {
          params: { path: { shopId, productId, imageId: image.id } },
          body,
        }),
      );
      if (done) toast(done);
      await refresh();
    } catch (err) {
      setError(problemText(err));
    }
  };
  const remove = async (image: Image) => {
    setError(null);
    try {
      await call(
        client.DELETE('/api/v1/shops/{shopId}/products/{productId}/images/{imageId}', {
          params: { path: { shopId, productId, imageId: image.id } },
        }),
      );
      toast(w.removed);
      await refresh();
    } catch (err) {
      setError(problemText(err));
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void upload(files);
  };
  const viewUrl = (image: Image) => {
    const largest = image.renditions
      .filter((r) => r.format === 'webp')
      .reduce<Image['renditions'][number] | null>((a, r) => (!a || r.width > a.width ? r : a), null);
    return largest ? new URL(`images/${image.id}/${largest.width}.webp`, shopUrl).href : null;
  };
  const list = images.data ?? [];

  return (
    <Card title={w.title}>
      {error && <Alert kind="error">{error}</Alert>}
      {list.length === 0 ? (
        <p className="muted">{w.none}</p>
      ) : (
        <ol className="images">
          {list.map((image, i) => (
            <ImageItem
              key={`${image.id}:${image.alt}`}
              image={image}
              n={i + 1}
              last={i === list.length - 1}
              viewUrl={viewUrl(image)}
              onAlt={(text) => void change(image, { alt: text }, w.altSaved)}
              onMove={(position) => void change(image, { position })}
              onRemove={() => void remove(image)}
            />
          ))}
        </ol>
      )}
      <Field label={w.alt} hint={w.altHint} value={alt} onChange={(e) => setAlt(e.target.value)} />
      <div
        className={`dropzone${over ? ' dropzone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p>{over ? w.dropping : w.drop}</p>
        <label htmlFor={inputId} className="dropzone-label">
          {w.choose}
        </label>
        <input
          id={inputId}
          ref={input}
          type="file"
          multiple
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          onChange={(e) => void upload([...(e.target.files ?? [])])}
        />
        <p className="field-hint">{w.types}</p>
      </div>
      <p role="status" className="muted">
        {progress}
      </p>
      {refusals.map((r) => (
        <Alert kind="error" key={r.name}>
          {w.refused(r.name)} {r.reasons.join(' ')}
        </Alert>
      ))}
    </Card>
  );
}

function ImageItem({
  image,
  n,
  last,
  viewUrl,
  onAlt,
  onMove,
  onRemove,
}: {
  image: Image;
  n: number;
  last: boolean;
  viewUrl: string | null;
  onAlt: (alt: string) => void;
  onMove: (position: number) => void;
  onRemove: () => void;
}) {
  const w = useWords(words);
  const [alt, setAlt] = useState(image.alt);
  return (
    <li className="image-item">
      <p>
        <strong>{w.image(n)}</strong>{' '}
        <span className="muted">{w.size(image.width, image.height, image.sourceType)}</span>{' '}
        {viewUrl && (
          <a href={viewUrl} target="_blank" rel="noreferrer" aria-label={w.view(n)}>
            {w.viewLabel}
          </a>
        )}
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          onAlt(alt);
        }}
      >
        <Field label={w.altOf(n)} value={alt} onChange={(e) => setAlt(e.target.value)} />
        <Button type="submit" variant="secondary">
          {w.saveAlt}
        </Button>
      </form>
      <div className="actions">
        <Button
          variant="secondary"
          className="btn btn-secondary btn-small"
          disabled={n === 1}
          aria-label={w.up(n)}
          onClick={() => onMove(n - 1)}
        >
          {w.upLabel}
        </Button>
        <Button
          variant="secondary"
          className="btn btn-secondary btn-small"
          disabled={last}
          aria-label={w.down(n)}
          onClick={() => onMove(n + 1)}
        >
          {w.downLabel}
        </Button>
        <Button variant="danger" className="btn btn-danger btn-small" aria-label={w.remove(n)} onClick={onRemove}>
          {w.removeLabel}
        </Button>
      </div>
    </li>
  );
}
