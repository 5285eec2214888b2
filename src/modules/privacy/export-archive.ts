import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { csvLine } from '../../core/csv.js';
import { fileZip, memoryZip } from '../../core/zip.js';
import type { PersonalColumn } from '../../core/privacy/data-map.js';
import type { PrivacyEngine, SubjectRef } from '../../core/privacy/engine.js';
import { CsvSpool } from './csv-spool.js';
import { archiveReport, type ArchiveDataset } from './export-report.js';
import type { PolicyModel } from './policy.js';

/** A subject's rows of one table, as the archive holds them. */
type ArchiveFile = { table: string; description: string; rows: number };

/** The archive: in memory when it is small (nearly every subject), else in the file it was given. */
export type SubjectArchive = { files: ArchiveFile[] } & ({ bytes: Buffer } | { file: string });

/** Past this many characters of data the archive is written to its file as it is read, not in memory. */
const inMemoryLimit = 8 * 1024 * 1024;

const jsonArray = (rows: { json: string }[]) =>
  rows.length === 0 ? '[\n]\n' : `[\n${rows.map((row) => row.json).join(',\n')}\n]\n`;

/**
 * Builds the access/portability archive (D1, D4, D7, Art. 15/20): manifest.json describing every
 * file and field, each dataset as JSON and CSV, and report.html. When every table's rows came in
 * the engine's first read and they are small, the archive is built in memory and returned: no file
 * to write and read back. Otherwise it is streamed to `path`: each table read page by page, its
 * JSON going into the zip as it is read and its CSV spooled (in memory, or past a few megabytes to
 * a private scratch file beside the archive, removed after) to follow the JSON into the zip.
 */
export async function buildSubjectArchive(
  engine: PrivacyEngine,
  subjects: SubjectRef | SubjectRef[],
  policy: PolicyModel,
  path: string,
  now: Date,
  onBehalfOf?: { shopName: string; contact: string },
  /** Rows a read takes at most: past one page, a table is streamed to the file. */
  pageSize?: number,
): Promise<SubjectArchive> {
  const list = Array.isArray(subjects) ? subjects : [subjects];
  // Every table's first page, read (one statement a subject) before the zip is begun.
  const tables = [];
  const used = new Map<string, number>();
  for (const subject of list) {
    for await (const read of engine.exportSubject(subject, pageSize)) {
      // Two subjects of one kind (a shopper of two shops) each get their own file.
      const n = (used.get(read.table) ?? 0) + 1;
      used.set(read.table, n);
      tables.push({ ...read, subject, name: n === 1 ? read.table : `${read.table}-${n}` });
    }
  }
  const size = tables.reduce((sum, t) => sum + t.firstPage.reduce((s, r) => s + r.json.length + r.csv.length, 0), 0);
  const inMemory = tables.every((t) => t.whole) && size <= inMemoryLimit;

  const zip = inMemory ? memoryZip() : fileZip(path);
  // One entry per file written: its manifest description, and the dataset whose row count the read fills in.
  const written: { manifest: Record<string, unknown>; dataset: ArchiveDataset }[] = [];
  const datasets = () => written.map((w) => w.dataset);
  const scratch: string[] = [];
  try {
    for (const { table, decl, columns, firstPage, whole, pages, subject, name } of tables) {
      const fields = Object.entries(decl.columns)
        .filter(([, c]) => !(c.personal && (c as PersonalColumn).export === 'omit'))
        .map(([field, c]) =>
          c.personal
            ? {
                name: field,
                personal: true,
                category: c.category,
                key: c.key,
                purposes: c.purposes,
                legalBasis: c.basis,
                retention: c.retention,
                recipients: c.recipients,
                source: c.source,
              }
            : { name: field, personal: false, note: c.why },
        );
      const dataset: ArchiveDataset = {
        table,
        file: name,
        description: decl.description,
        document: decl.document,
        rows: 0,
      };
      if (whole) {
        dataset.rows = firstPage.length;
        zip.add(`data/${name}.json`, () => jsonArray(firstPage));
        zip.add(`data/${name}.csv`, () => csvLine(columns) + firstPage.map((row) => `${row.csv}\r\n`).join(''));
      } else {
        const csvPath = `${path}.${name}.csv.part`;
        scratch.push(csvPath);
        const csv = new CsvSpool(csvPath);
        let jsonDone!: () => void;
        const jsonWritten = new Promise<void>((resolve) => {
          jsonDone = resolve;
        });
        zip.addStream(
          `data/${name}.json`,
          Readable.from(
            (async function* () {
              try {
                await csv.write(csvLine(columns));
                let first = true;
                yield '[';
                for await (const page of pages()) {
                  dataset.rows += page.length;
                  await csv.write(page.map((row) => `${row.csv}\r\n`).join(''));
                  yield `${first ? '\n' : ',\n'}${page.map((row) => row.json).join(',\n')}`; // one chunk per page
                  first = false;
                }
                yield '\n]\n';
              } finally {
                await csv.close();
                jsonDone();
              }
            })(),
          ),
        );
        // The zip reaches this entry only after the JSON one, by which time the CSV is complete.
        zip.addStream(
          `data/${name}.csv`,
          Readable.from(
            (async function* () {
              await jsonWritten;
              yield* csv.read();
            })(),
          ),
        );
      }
      written.push({
        manifest: {
          path: `data/${name}.json`,
          alsoAs: `data/${name}.csv`,
          table,
          subject: subject.kind,
          description: decl.description,
          fields,
        },
        dataset,
      });
    }
    // Zip entries are written in order, so the counts are known by the time these are reached.
    zip.add('manifest.json', () =>
      JSON.stringify(
        {
          subjects: list,
          generatedAt: now.toISOString(),
          policyVersion: policy.version,
          formats: ['JSON', 'CSV (RFC 4180)'],
          files: written.map((w) => ({ ...w.manifest, records: w.dataset.rows })),
          documents: datasets()
            .filter((d) => d.document && d.rows > 0)
            .map((d) => ({ title: d.document, path: `data/${d.file}.json`, records: d.rows })),
        },
        null,
        2,
      ),
    );
    zip.add('report.html', () => archiveReport(list, now, policy, datasets(), onBehalfOf));
    const bytes = await zip.end();
    const files = datasets().map((d) => ({ table: d.table, description: d.description, rows: d.rows }));
    return bytes ? { files, bytes } : { files, file: path };
  } finally {
    for (const f of scratch) rmSync(f, { force: true });
  }
}

/** The archive of `buildSubjectArchive`, always in the file at `path` (a download kept for later). */
export async function writeSubjectArchive(
  engine: PrivacyEngine,
  subjects: SubjectRef | SubjectRef[],
  policy: PolicyModel,
  path: string,
  now: Date,
  onBehalfOf?: { shopName: string; contact: string },
) {
  const archive = await buildSubjectArchive(engine, subjects, policy, path, now, onBehalfOf);
  if ('bytes' in archive) await writeFile(path, archive.bytes, { mode: 0o600 });
  return { files: archive.files };
}
