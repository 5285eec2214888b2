import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { csvLine } from '../../core/csv.js';
import type { PersonalColumn } from '../../core/privacy/data-map.js';
import type { PrivacyEngine, SubjectRef } from '../../core/privacy/engine.js';
import type { PolicyModel } from './policy.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
const plain = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
const cellText = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The readable Art. 15 report that goes with the data. */
function reportHtml(subject: SubjectRef, generatedAt: Date, policy: PolicyModel, counts: { table: string; description: string; rows: number }[]): string {
  const li = (xs: string[]) => `<ul>${xs.map((x) => `<li>${x}</li>`).join('')}</ul>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your data at SellRocket</title></head><body>
<h1>Your data at SellRocket</h1>
<p>Subject ${escapeHtml(subject.kind)} ${escapeHtml(subject.id)}, report generated ${generatedAt.toISOString()} (policy version ${policy.version}).</p>
<h2>What we hold</h2>${li(counts.map((c) => `${escapeHtml(c.description)}: ${c.rows} record(s) — <code>data/${c.table}.json</code>, <code>data/${c.table}.csv</code>`))}
<h2>Why, on what basis, and for how long</h2>${li(policy.retention.map((r) => `${escapeHtml(r.text)} (${escapeHtml(r.keys.join(', '))})`))}
${li(policy.purposes.map((p) => escapeHtml(p.text)))}
<h2>Who receives it, and where it is stored</h2>${li(policy.recipients.map((r) => `${escapeHtml(r.name)} — ${escapeHtml(r.service)}; ${escapeHtml(r.countries.join(', '))}${r.transferSafeguard ? `; safeguard: ${escapeHtml(r.transferSafeguard)}` : ''}`))}
${li(policy.storage.map((s) => `${escapeHtml(s.area)}: ${escapeHtml(s.countries.join(', '))}`))}
<h2>Where it comes from</h2><p>From you, and from your use of the platform (sign-ins, sessions, security records). We obtain none of it from third parties yet.</p>
<h2>Automated decisions</h2><p>${escapeHtml(policy.automatedDecisions)}</p>
<h2>Your rights</h2>${li(policy.rights.map((r) => `${escapeHtml(r.right)}: ${escapeHtml(r.how)}`))}
<p>You may complain to ${escapeHtml(policy.complaint.authority)} (${escapeHtml(policy.complaint.url)}). EU online dispute resolution: ${escapeHtml(policy.complaint.odr)}.</p>
<h2>Formal documents</h2><p>Invoices, accepted terms and support conversations are included here as those parts of the platform come into use.</p>
</body></html>`;
}

/**
 * Writes the access/portability archive (D1, D4, D7, Art. 15/20): manifest.json describing every
 * file and field, each dataset as JSON and CSV, and report.html. The zip is streamed to `path`
 * table by table.
 */
export async function writeSubjectArchive(engine: PrivacyEngine, subject: SubjectRef, policy: PolicyModel, path: string, now: Date) {
  const zip = new yazl.ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(path, { mode: 0o600 }));
  const files: unknown[] = [];
  const counts: { table: string; description: string; rows: number }[] = [];
  for await (const { table, decl, count, pages } of engine.exportSubject(subject)) {
    const fields = Object.entries(decl.columns)
      .filter(([, c]) => !(c.personal && (c as PersonalColumn).export === 'omit'))
      .map(([name, c]) => (c.personal
        ? { name, personal: true, category: c.category, key: c.key, purposes: c.purposes, legalBasis: c.basis, retention: c.retention, recipients: c.recipients, source: c.source }
        : { name, personal: false, note: c.why }));
    const header = fields.map((f) => f.name);
    // Each file is produced page by page when the zip reaches it: nothing holds the whole history.
    zip.addReadStream(Readable.from((async function* () {
      let first = true;
      yield '[';
      for await (const page of pages()) {
        if (page.length === 0) continue;
        yield `${first ? '\n' : ',\n'}${page.map((row) => JSON.stringify(plain(row))).join(',\n')}`; // one chunk per page
        first = false;
      }
      yield '\n]\n';
    })()), `data/${table}.json`);
    zip.addReadStream(Readable.from((async function* () {
      yield csvLine(header);
      for await (const page of pages()) {
        yield page.map((row) => csvLine(header.map((h) => cellText(row[h])))).join('');
      }
    })()), `data/${table}.csv`);
    files.push({ path: `data/${table}.json`, alsoAs: `data/${table}.csv`, table, description: decl.description, records: count, fields });
    counts.push({ table, description: decl.description, rows: count });
  }
  zip.addBuffer(Buffer.from(JSON.stringify({ subject, generatedAt: now.toISOString(), policyVersion: policy.version, formats: ['JSON', 'CSV (RFC 4180)'], files }, null, 2)), 'manifest.json');
  zip.addBuffer(Buffer.from(reportHtml(subject, now, policy, counts)), 'report.html');
  zip.end();
  await done;
  return { files: counts };
}
