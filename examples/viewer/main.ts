/**
 * The viewer page: reads the CloudTrail log files a person drops or picks, in the browser, and
 * shows the same Chime summary as `cloudtrail-chime summary` (`ChimeSummaryBuilder` of
 * `cloudtrail-chime/chime`), a timeline of events per hour by namespace, and every caller
 * explained with `describeIdentity`.
 * Nothing leaves the page.
 */
import {
  chimeNamespaces as CHIME_NAMESPACES,
  type ChimeNamespace,
  type ChimeSummary,
  ChimeSummaryBuilder,
} from '../../src/chime/index.js';
import { type CredentialKind, type IdentityKind, isCloudTrailParseError, readRecords } from '../../src/index.js';

const COLORS: Record<ChimeNamespace | 'unknown', string> = {
  chime: '#7b61c4',
  identity: '#d4881e',
  'media-pipelines': '#2f9e8f',
  meetings: '#2a62d9',
  messaging: '#d0488f',
  voice: '#5c8f2f',
  unknown: '#9aa3b2',
};

const KIND_TEXT: Record<IdentityKind, string> = {
  root: 'the account root user',
  'iam-user': 'an IAM user',
  'assumed-role': 'a role session (AssumeRole, Identity Center, or a service using a role)',
  'federated-user': 'a federated user (GetFederationToken)',
  'saml-user': 'a SAML user (AssumeRoleWithSAML)',
  'web-identity-user': 'a web-identity user (AssumeRoleWithWebIdentity)',
  'identity-center-user': 'an IAM Identity Center user',
  'aws-account': 'another AWS account',
  'aws-service': 'an AWS service acting on its own',
  directory: 'a directory user',
  unknown: 'an unrecognised principal',
  none: 'no identity (Insights record)',
};

const CREDENTIALS_TEXT: Record<CredentialKind, string> = {
  'long-term': 'long-term access key (AKIA…)',
  temporary: 'temporary credentials (ASIA… / session)',
  none: 'no AWS credentials',
  unknown: 'not told by the record',
};

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const number = (n: number) => n.toLocaleString('en-US');
const html = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** What the page computed for the last set of files (read by the tests). */
export interface ViewerResult {
  summary: ChimeSummary;
  /** Matched events per UTC hour (`YYYY-MM-DDTHH`) and namespace. */
  hours: Record<string, Partial<Record<ChimeNamespace | 'unknown', number>>>;
  issues: string[];
}

declare global {
  interface Window {
    /** The last result, for tests and the console. */
    __viewer?: ViewerResult;
  }
}

const isDigestName = (name: string) => /_CloudTrail-Digest_/.test(name);

/** Reads the files and summarises them, as the CLI does. */
export async function summarizeFiles(files: readonly File[]): Promise<ViewerResult> {
  const builder = new ChimeSummaryBuilder({ topCallers: 1000 });
  const hours: ViewerResult['hours'] = {};
  const issues: string[] = [];
  for (const file of files) {
    if (isDigestName(file.name)) {
      builder.digestFilesSkipped();
      continue;
    }
    try {
      const records = readRecords(file, {
        onInvalid: (issue) => {
          builder.recordInvalid();
          issues.push(`${file.name}: ${issue.error.code} at byte ${issue.offset} (record ${issue.recordIndex})`);
        },
      });
      for await (const record of records) {
        const matched = builder.add(record);
        if (!matched || typeof record.eventTime !== 'string') continue;
        const hour = record.eventTime.slice(0, 13);
        const bucket = (hours[hour] ??= {});
        const ns = matched.namespace ?? 'unknown';
        bucket[ns] = (bucket[ns] ?? 0) + 1;
      }
      builder.fileRead();
    } catch (error) {
      builder.fileInvalid();
      const code = isCloudTrailParseError(error) ? error.code : 'ERROR';
      issues.push(`${file.name}: ${code}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { summary: builder.result(), hours, issues };
}

function table(id: string, headers: string[], rows: string[][], numeric: number[]): void {
  const th = headers.map((h, i) => `<th${numeric.includes(i) ? ' class="n"' : ''}>${html(h)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  $(id).innerHTML = `<thead><tr>${th}</tr></thead><tbody>${body}</tbody>`;
}

const swatch = (ns: ChimeNamespace | null) =>
  `<span class="ns" style="background:${COLORS[ns ?? 'unknown']}"></span>${html(ns ?? '?')}`;

function timeline(hours: ViewerResult['hours'], first: string | null, last: string | null): string {
  if (first === null || last === null) return '<p class="muted">No events.</p>';
  const start = Date.parse(`${first.slice(0, 13)}:00:00Z`);
  const end = Date.parse(`${last.slice(0, 13)}:00:00Z`);
  const count = Math.round((end - start) / 3_600_000) + 1;
  const max = Math.max(1, ...Object.values(hours).map((b) => Object.values(b).reduce((s, n) => s + (n ?? 0), 0)));
  const width = 960;
  const height = 180;
  const left = 34;
  const bottom = 22;
  const bar = (width - left) / count;
  const scale = (height - bottom - 6) / max;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const hour = new Date(start + i * 3_600_000).toISOString().slice(0, 13);
    const bucket = hours[hour] ?? {};
    let y = height - bottom;
    for (const ns of [...CHIME_NAMESPACES, 'unknown' as const]) {
      const n = bucket[ns] ?? 0;
      if (n === 0) continue;
      const h = n * scale;
      y -= h;
      parts.push(
        `<rect x="${(left + i * bar + 1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, bar - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[ns]}"><title>${hour}:00Z ${ns}: ${n}</title></rect>`,
      );
    }
    if (hour.endsWith('T00') || i === 0) {
      const x = left + i * bar;
      parts.push(
        `<line x1="${x}" x2="${x}" y1="4" y2="${height - bottom + 4}" stroke="#c8ceda" stroke-dasharray="3 3"/>`,
      );
      parts.push(`<text x="${x + 3}" y="${height - 6}" font-size="11" fill="#5b6475">${hour.slice(0, 10)}</text>`);
    }
  }
  parts.push(`<text x="0" y="14" font-size="11" fill="#5b6475">${max}</text>`);
  parts.push(`<text x="0" y="${height - bottom}" font-size="11" fill="#5b6475">0</text>`);
  parts.push(
    `<line x1="${left}" x2="${width}" y1="${height - bottom}" y2="${height - bottom}" stroke="#8d96a8" stroke-width="1"/>`,
  );
  return `<svg id="timeline-svg" role="img" aria-label="Chime events per hour" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px">${parts.join('')}</svg>`;
}

function render(result: ViewerResult): void {
  const { summary } = result;
  const { input } = summary;
  const facts: [string, string][] = [
    [
      'files',
      `${number(input.filesRead)} read, ${number(input.filesInvalid)} invalid, ${number(input.digestFiles)} digest skipped`,
    ],
    ['records', `${number(input.records)} read`],
    ['Chime records', number(input.chimeRecords)],
    ['other services', `${number(input.nonChimeRecords)} skipped`],
    ['invalid records', number(input.invalidRecords)],
    ['time range', summary.timeRange.first === null ? '-' : `${summary.timeRange.first} … ${summary.timeRange.last}`],
  ];
  $('input').innerHTML = facts
    .map(([k, v]) => `<dt>${html(k)}</dt><dd data-field="${html(k)}">${html(v)}</dd>`)
    .join('');
  table(
    'by-namespace',
    ['namespace', 'events', 'errors'],
    summary.byNamespace.map((r) => [swatch(r.namespace), number(r.count), number(r.errors)]),
    [1, 2],
  );
  table(
    'by-event',
    ['event name', 'namespace', 'count', 'errors'],
    summary.byEvent.map((r) => [html(r.eventName), swatch(r.namespace), number(r.count), number(r.errors)]),
    [2, 3],
  );
  table(
    'by-identity',
    ['kind', 'credentials', 'count', 'errors'],
    summary.byIdentity.map((r) => [
      `<span title="${html(KIND_TEXT[r.kind])}">${html(r.kind)}</span>`,
      `<span title="${html(CREDENTIALS_TEXT[r.credentials])}">${html(r.credentials)}</span>`,
      number(r.count),
      number(r.errors),
    ]),
    [2, 3],
  );
  table(
    'by-error',
    ['error code', 'count'],
    summary.byErrorCode.length === 0
      ? [['<span class="muted">no errors</span>', '']]
      : summary.byErrorCode.map((r) => [html(r.errorCode), number(r.count)]),
    [1],
  );
  table(
    'callers',
    ['caller (describeIdentity)', 'what it is', 'events', 'errors', 'eventNames'],
    summary.topCallers.map((r) => [
      `${html(r.caller)}${r.arn ? `<br><code class="muted">${html(r.arn)}</code>` : ''}`,
      `<code>${html(r.kind)}</code>: ${html(KIND_TEXT[r.kind])}`,
      number(r.count),
      number(r.errors),
      number(r.eventNames.length),
    ]),
    [2, 3, 4],
  );
  $('timeline').innerHTML = timeline(result.hours, summary.timeRange.first, summary.timeRange.last);
  $('legend').innerHTML = [...CHIME_NAMESPACES].map((ns) => `<span>${swatch(ns)}</span>`).join('');
  const issues = $('issues');
  issues.hidden = result.issues.length === 0;
  issues.textContent = result.issues.join('\n');
  $('report').hidden = false;
}

async function load(files: readonly File[]): Promise<void> {
  const status = $('status');
  status.textContent = `Reading ${files.length} file${files.length === 1 ? '' : 's'}…`;
  const started = performance.now();
  const result = await summarizeFiles(files);
  render(result);
  window.__viewer = result;
  const ms = Math.round(performance.now() - started);
  status.textContent = `${number(result.summary.input.matchedRecords)} Chime events from ${files.length} files in ${ms} ms.`;
  status.dataset.done = 'true';
}

const input = $<HTMLInputElement>('files');
input.addEventListener('change', () => void load([...(input.files ?? [])]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  void load([...(e.dataTransfer?.files ?? [])]);
});
