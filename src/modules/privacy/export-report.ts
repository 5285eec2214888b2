import { escapeHtml } from '../../core/html.js';
import type { SubjectRef } from '../../core/privacy/engine.js';
import type { PolicyModel } from './policy.js';

export interface ArchiveDataset {
  table: string;
  file: string;
  description: string;
  document: string | undefined;
  rows: number;
}

const li = (xs: string[]) => `<ul>${xs.map((x) => `<li>${x}</li>`).join('')}</ul>`;

/** The readable Art. 15 report that goes with the data in the archive. */
export function archiveReport(
  subjects: SubjectRef[],
  generatedAt: Date,
  policy: PolicyModel,
  datasets: ArchiveDataset[],
  /** A shop's shopper: the shop (its merchant) is the controller, SellRocket its processor. */
  onBehalfOf?: { shopName: string; contact: string },
): string {
  const held = datasets.filter((d) => d.rows > 0);
  const documents = held.filter((d) => d.document);
  const who =
    subjects.length === 0
      ? '<p>We found no account or other record of you under the details you gave us. This report lists what we would hold and why.</p>'
      : `<p>Records found: ${subjects.map((s) => `${escapeHtml(s.kind)} <code>${escapeHtml(s.id)}</code>`).join(', ')}.</p>`;
  const where = onBehalfOf ? escapeHtml(onBehalfOf.shopName) : 'SellRocket';
  const roles = onBehalfOf
    ? `<p><strong>Controller:</strong> ${escapeHtml(onBehalfOf.shopName)} (${escapeHtml(onBehalfOf.contact)}), the shop you bought from, which decides why and how your data is used. <strong>Processor:</strong> SellRocket, which hosts the shop and keeps this data on the shop's behalf and on its instructions only.</p>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Your data at ${where}</title></head><body>
<h1>Your data at ${where}</h1>${roles}
<p>Report generated ${generatedAt.toISOString()} (policy version ${policy.version}).</p>${who}
<h2>What we hold</h2>${held.length === 0 ? '<p>Nothing.</p>' : li(held.map((d) => `${escapeHtml(d.description)}: ${d.rows} record(s) — <code>data/${d.file}.json</code>, <code>data/${d.file}.csv</code>`))}
<h2>Formal documents</h2>${documents.length === 0 ? '<p>None.</p>' : li(documents.map((d) => `${escapeHtml(d.document!)}: ${d.rows} — <code>data/${d.file}.json</code>`))}
<p>Invoices, accepted terms and support conversations appear here as those parts of the platform hold them.</p>
<h2>Why, on what basis, and for how long</h2>${li(policy.retention.map((r) => `${escapeHtml(r.text)} (${escapeHtml(r.keys.join(', '))})`))}
${li(policy.purposes.map((p) => escapeHtml(p.text)))}
<h2>Who receives it, and where it is stored</h2>${li(policy.recipients.map((r) => `${escapeHtml(r.name)} — ${escapeHtml(r.service)}; ${escapeHtml(r.countries.join(', '))}${r.transferSafeguard ? `; safeguard: ${escapeHtml(r.transferSafeguard)}` : ''}`))}
${li(policy.storage.map((s) => `${escapeHtml(s.area)}: ${escapeHtml(s.countries.join(', '))}`))}
<h2>Where it comes from</h2><p>From you, and from your use of the platform (sign-ins, sessions, security records). We obtain none of it from third parties yet.</p>
<h2>Automated decisions</h2><p>${escapeHtml(policy.automatedDecisions)}</p>
<h2>Your rights</h2>${li(policy.rights.map((r) => `${escapeHtml(r.right)}: ${escapeHtml(r.how)}`))}
<p>You may complain to ${escapeHtml(policy.complaint.authority)} (${escapeHtml(policy.complaint.url)}). EU online dispute resolution: ${escapeHtml(policy.complaint.odr)}.</p>
</body></html>`;
}
