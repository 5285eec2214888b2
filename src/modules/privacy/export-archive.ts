import { createWriteStream, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvLine } from '../../core/csv.js';
import { ZipFile } from '../../core/zip.js';
import type { PersonalColumn } from '../../core/privacy/data-map.js';
import type { PrivacyEngine, SubjectRef } from '../../core/privacy/engine.js';
import { CsvSpool } from './csv-spool.js';
import { archiveReport, type ArchiveDataset } from './export-report.js';
import type { PolicyModel } from './policy.js';

// Fast deflate: an archive is written once and downloaded a few times; level 1 costs a third of the default.
const entryOptions = { compressionLevel: 1 } as const;

/**
 * Writes the access/portability archive (D1, D4, D7, Art. 15/20): manifest.json describing every
 * file and field, each dataset as JSON and CSV, and report.html. The zip is streamed to `path`:
 * each table is read once, page by page; the JSON goes into the zip as it is read and the CSV is
 * spooled (in memory, or past a few megabytes to a private scratch file beside the archive, removed
 * after), to follow the JSON into the zip.
 */
export async function writeSubjectArchive(
  engine: PrivacyEngine,
  subjects: SubjectRef | SubjectRef[],
  policy: PolicyModel,
  path: string,
  now: Date,
  onBehalfOf?: { shopName: string; contact: string },
) {
  const list = Array.isArray(subjects) ? subjects : [subjects];
  const zip = new ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(path, { mode: 0o600 }));
  // One entry per file written: its manifest description, and the dataset whose row count the read fills in.
  const written: { manifest: Record<string, unknown>; dataset: ArchiveDataset }[] = [];
  const datasets = () => written.map((w) => w.dataset);
  const scratch: string[] = [];
  const used = new Map<string, number>();
  try {
    for (const subject of list) {
      for await (const { table, decl, columns, pages } of engine.exportSubject(subject)) {
        // Two subjects of one kind (a shopper of two shops) each get their own file.
        const n = (used.get(table) ?? 0) + 1;
        used.set(table, n);
        const name = n === 1 ? table : `${table}-${n}`;
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
        const csvPath = `${path}.${name}.csv.part`;
        scratch.push(csvPath);
        const csv = new CsvSpool(csvPath);
        let jsonDone!: () => void;
        const jsonWritten = new Promise<void>((resolve) => {
          jsonDone = resolve;
        });
        zip.addReadStream(
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
          `data/${name}.json`,
          entryOptions,
        );
        // The zip reaches this entry only after the JSON one, by which time the CSV is complete.
        zip.addReadStream(
          Readable.from(
            (async function* () {
              await jsonWritten;
              yield* csv.read();
            })(),
          ),
          `data/${name}.csv`,
          entryOptions,
        );
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
    }
    // Zip entries are written in order, so the counts are known by the time these are reached.
    zip.addReadStream(
      Readable.from(
        (async function* () {
          yield JSON.stringify(
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
          );
        })(),
      ),
      'manifest.json',
      entryOptions,
    );
    zip.addReadStream(
      Readable.from(
        (async function* () {
          yield archiveReport(list, now, policy, datasets(), onBehalfOf);
        })(),
      ),
      'report.html',
      entryOptions,
    );
    zip.end();
    await done;
  } finally {
    for (const f of scratch) rmSync(f, { force: true });
  }
  return { files: datasets().map((d) => ({ table: d.table, description: d.description, rows: d.rows })) };
}
