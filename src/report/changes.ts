// permanence changes worded: a line per answer in the programme's words, then
// its redline (removed words struck through, added words marked), as text for
// the terminal and as one self-contained HTML page.
import type { ChalkInstance } from 'chalk';
import type { ChangesReport } from '../changes/changes.js';
import type { AnswerChange, Run } from '../changes/compare.js';
import { esc } from './verify-html.js';
import { visibleLines } from '../util/visible.js';
import { count, visible } from './words.js';

/** Words of unchanged text kept either side of a change. */
const CONTEXT = 10;

export function sinceText(r: ChangesReport): string {
  if (r.since.kind === 'commit') return `commit ${r.since.commit.slice(0, 12)}`;
  const rec = r.since.record;
  const what = rec.kind === 'final' ? 'the final sign-off' : `the interim sign-off of module ${rec.module}`;
  return `${what} by ${visible(`${rec.name} (${rec.role}) on ${rec.date} (${r.since.file}`)}${r.since.commit ? `; signed content in commit ${r.since.commit.slice(0, 12)}` : ''})`;
}

export const answerLine = (a: AnswerChange) =>
  `${a.name}: ${a.words_added === 0 && a.words_removed === 0 ? 'changed (spacing or punctuation only)' : `${count(a.words_added, 'word')} added, ${a.words_removed} removed`}`;

/** A long unchanged run cut to its ends: what reads into and out of the change. */
function trimmed(text: string, first: boolean, last: boolean): string {
  const words = text.split(/(\s+)/);
  const keep = CONTEXT * 2;
  if (words.length <= keep * 2 + 1) return text;
  const head = first ? '' : words.slice(0, keep).join('').trimEnd();
  const tail = last ? '' : words.slice(-keep).join('').trimStart();
  return `${head}${head ? ' ' : ''}…${tail ? ' ' : ''}${tail}`;
}

export function redlineText(runs: Run[], s: ChalkInstance): string {
  return runs
    .map((r, i) => {
      // An answer's own line breaks are kept; every other control character is shown.
      if (r.op === '=') return visibleLines(trimmed(r.text, i === 0, i === runs.length - 1));
      // Markers as wdiff writes them, so the redline reads without colour.
      return r.op === '+' ? s.green(`{+${visibleLines(r.text)}+}`) : s.red(`[-${visibleLines(r.text)}-]`);
    })
    .join('')
    .trim();
}

export function changesText(r: ChangesReport, s: ChalkInstance): string {
  const out = [s.bold(`Changes since ${sinceText(r)}`)];
  const nothing = r.answers.length + r.unknown.length + r.files.changed.length + r.files.added.length + r.files.removed.length === 0;
  if (nothing) return `${out[0]}\n\nNothing has changed: the portfolio is as it was then.\n`;
  if (r.answers.length > 0) {
    out.push('', s.bold(`${count(r.answers.length, 'answer')} changed`));
    for (const a of r.answers) {
      out.push('', `  ${answerLine(a)}  ${s.dim(`${visible(a.file)}${a.line ? `:${a.line}` : ''}`)}`);
      const red = redlineText(a.redline, s);
      out.push(...red.split('\n').map((l) => `    ${l}`));
    }
  }
  if (r.unknown.length > 0) {
    out.push('', s.bold('Changed, but what changed cannot be shown'), `  ${r.limits ?? ''}:`);
    for (const f of r.unknown) {
      out.push(`  ${s.yellow('!')} ${visible(f)}`);
      for (const a of r.unseen.filter((x) => x.file === f)) out.push(`      ${visible(a.name)}${a.line ? s.dim(`  line ${a.line}`) : ''}`);
    }
  }
  const other = [
    ...r.files.changed.map((f) => `changed: ${f}`),
    ...r.files.added.map((f) => `added: ${f}`),
    ...r.files.removed.map((f) => `removed: ${f}`),
  ];
  if (other.length > 0) out.push('', s.bold('Other files'), ...other.map((l) => `  ${visible(l)}`));
  return `${out.join('\n')}\n`;
}

/** The answers of a file that changed, by the record's digests, as a nested list. */
function unseenList(r: ChangesReport, file: string): string {
  const mine = r.unseen.filter((a) => a.file === file);
  return mine.length === 0 ? '' : `<ul>${mine.map((a) => `<li>${esc(a.name)}</li>`).join('')}</ul>`;
}

/** An answer's redline as HTML: removed words in <del>, added words in <ins>; the page and the workspace share it. */
export function redlineHtml(a: AnswerChange): string {
  return a.redline.map((x) => (x.op === '=' ? esc(x.text) : x.op === '+' ? `<ins>${esc(x.text)}</ins>` : `<del>${esc(x.text)}</del>`)).join('');
}

export function changesHtml(r: ChangesReport, meta: { version: string; participant: string | null }): string {
  const runs = redlineHtml;
  const answers = r.answers
    .map((a) => `<section><h3>${esc(a.name)}</h3><p class="meta">${esc(answerLine(a).slice(a.name.length + 2))} · ${esc(a.file)}${a.line ? `:${a.line}` : ''}</p><div class="red">${runs(a)}</div></section>`)
    .join('\n');
  const list = (title: string, xs: string[]) => (xs.length === 0 ? '' : `<h2>${title}</h2><ul>${xs.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`);
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="permanence ${esc(meta.version)}">
<title>Changes since ${esc(sinceText(r))}</title>
<style>
body{font:15px/1.5 system-ui,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:46rem;margin:1.5rem auto;padding:0 1rem;color:#111}
h1{font-size:1.4rem}h2{font-size:1.1rem;color:#1f4e79;border-bottom:2px solid #1f4e79;margin-top:2rem}h3{font-size:1rem;margin:1.5rem 0 .2rem}
.meta{color:#444;margin:0 0 .4rem;font-size:.9rem}.red{white-space:pre-wrap;border-left:3px solid #bbb;padding-left:.8rem}
ins{background:#dcefe2;color:#1b4d2a;text-decoration:underline}del{background:#f8dcdc;color:#7a1014;text-decoration:line-through}
ins::before{content:"[added: ";font-size:0;}del::before{content:"[removed: ";font-size:0}ins::after,del::after{content:"]";font-size:0}
@media print{body{margin:0;max-width:none}section{break-inside:avoid}}
</style></head>
<body>
<h1>${esc(meta.participant ?? 'Portfolio')}: changes since ${esc(sinceText(r))}</h1>
<p>Words struck through were removed; words underlined were added. ${r.answers.length === 0 ? 'No answer changed.' : `${r.answers.length === 1 ? '1 answer' : `${r.answers.length} answers`} changed.`}</p>
${r.answers.length ? `<h2>Answers</h2>\n${answers}` : ''}
${r.unknown.length ? `<h2>Changed, but what changed cannot be shown</h2><p>${esc(r.limits ?? '')}.</p><ul>${r.unknown.map((f) => `<li>${esc(f)}${unseenList(r, f)}</li>`).join('')}</ul>` : ''}
${list('Other files changed', r.files.changed)}${list('Files added', r.files.added)}${list('Files removed', r.files.removed)}
<footer><p>Made by permanence ${esc(meta.version)} (permanence changes --format html).</p></footer>
</body>
</html>
`;
}
