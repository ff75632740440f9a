// A report for a log that leaves the machine (a CI job's output, its
// artefacts): an identifying detail is named by file, line, column and kind,
// never by what was written.
import type { DetailKind } from '../privacy/candidates.js';
import type { PortfolioReport } from '../verify/verify.js';

const KIND_WORDS: Record<DetailKind, string> = {
  name: 'a name from the private names list',
  postcode: 'a possible postcode',
  'date-of-birth': 'a possible date of birth or identifying date',
  'nhs-number': 'a possible NHS number',
  'ni-number': 'a possible National Insurance number',
  phone: 'a possible phone number',
  email: 'a possible e-mail address',
};

const message = (kind: DetailKind) => `${KIND_WORDS[kind]} (not shown: this report is redacted; run permanence verify on the portfolio to see it)`;

export function redact(r: PortfolioReport): PortfolioReport {
  const kindAt = new Map(r.identifying.unreviewed.map((f) => [`${f.file}:${f.line}:${f.column}`, f.kind]));
  return {
    ...r,
    identifying: { ...r.identifying, unreviewed: r.identifying.unreviewed.map((f) => ({ ...f, text: '', message: message(f.kind) })) },
    problems: r.problems.map((p) => {
      // The names list's own warnings quote a name from it.
      if (p.code === 'names-list') return { ...p, message: 'an entry of the private names list cannot be used (not shown: this report is redacted)' };
      if (p.code !== 'identifying-detail') return p;
      const column = /^column (\d+): /.exec(p.message)?.[1];
      const kind = kindAt.get(`${p.file}:${p.line}:${column}`);
      return { ...p, message: `column ${column ?? '?'}: ${kind ? message(kind) : 'a possible identifying detail (not shown: this report is redacted)'}` };
    }),
  };
}
