// portfolio.yaml: who the portfolio belongs to, and when their programme started.
import { readDate } from '../assess/calendar.js';
import type { Catalogue } from '../programme/load.js';
import { describeError, usefulErrors, validators, type ValidationError } from '../programme/validators.js';
import { readYaml } from '../util/yaml-location.js';
import type { Problem } from './problems.js';
import { readInside, type Reader } from './read.js';

export const CONFIG_FILE = 'portfolio.yaml';
export const FORMAT_VERSION = 1;

export interface PortfolioConfig {
  permanence: number;
  programme: string;
  content_version: string;
  participant: string;
  cohort?: string;
  supervisor?: string;
  start_date: string;
  specialist_area?: string;
  current_module?: number;
  editor?: string;
}

export function readConfig(root: string, cat: Catalogue, readFile: Reader = readInside): { config?: PortfolioConfig; problems: Problem[] } {
  const problems: Problem[] = [];
  const file = CONFIG_FILE;
  const read = readFile(root, file, 64 * 1024);
  if (!read) return { problems: [{ file, line: 0, severity: 'error', code: 'missing-file', message: 'is missing', fix: 'this folder is not a portfolio; create one with permanence init' }] };
  if ('problem' in read) return { problems: [{ file, ...read.problem }] };
  const text = read.text.replace(/^\ufeff/, '');
  const parsed = readYaml(text, { maxAliasCount: 20 });
  if (!parsed.ok) return { problems: [{ file, line: parsed.line, severity: 'error', code: 'config', ...unreadableLine(text, parsed.line, parsed.message) }] };
  const data = parsed.data;
  const validate = validators().portfolio;
  if (!validate(data)) {
    for (const e of usefulErrors(validate.errors)) {
      problems.push({ file, line: parsed.line(e.instancePath), severity: 'error', code: 'config', ...plainError(e, data as Record<string, unknown>) });
    }
    return { problems };
  }
  const config = data as PortfolioConfig;
  const p = cat.programme;
  if (config.programme !== p.id) {
    problems.push({
      file,
      line: parsed.line('/programme'),
      severity: 'error',
      code: 'unknown-programme',
      message: `names the programme '${config.programme}', which this version of permanence does not know (it knows '${p.id}')`,
      fix: `set programme: ${p.id}, or use the permanence release made for '${config.programme}'`,
    });
  }
  const [major] = config.content_version.split('.');
  const [ourMajor] = p.version.split('.');
  if (major !== ourMajor || compareVersions(config.content_version, p.version) > 0) {
    problems.push({
      file,
      line: parsed.line('/content_version'),
      severity: 'error',
      code: 'unknown-content-version',
      message: `was made with content version ${config.content_version}; this permanence has ${p.version}`,
      fix: 'use a permanence release whose content version matches (npm install permanence@latest)',
    });
  }
  const date = readDate(config.start_date);
  if (!date.ok || date.iso !== config.start_date) {
    problems.push({ file, line: parsed.line('/start_date'), severity: 'error', code: 'config', ...startDateProblem(config.start_date) });
  }
  return { ...(problems.some((x) => x.severity === 'error') ? {} : { config }), problems };
}

const SETTINGS = 'portfolio.yaml holds one setting a line, as key: value (participant, cohort, supervisor, start_date, programme, content_version)';

/** Why YAML could not read a line, in words for the person who wrote it, with the line as it should be. */
function unreadableLine(text: string, line: number, yamlMessage: string): { message: string; fix: string } {
  const at = text.split(/\r?\n/)[line - 1] ?? '';
  const setting = /^([A-Za-z_][\w-]*):[ \t]+(.*?)[ \t]*(#.*)?$/.exec(at);
  const value = setting?.[2] ?? '';
  if (setting && /:(\s|$)/.test(value) && !/^["']/.test(value)) {
    return { message: 'the value has a colon in it, so it cannot be read', fix: `put the value in quotes: ${setting[1]}: ${JSON.stringify(value)}` };
  }
  if (setting && /^["']/.test(value)) {
    return { message: 'the value opens a quotation mark that is not closed on the same line', fix: `end the value with the same quotation mark: ${setting[1]}: ${JSON.stringify(value.replace(/^["']|["']$/g, ''))}` };
  }
  if (/^\s+\S/.test(at)) return { message: 'this line starts with spaces, so it reads as part of the line above', fix: `remove the spaces at the start of the line; ${SETTINGS}` };
  return { message: `this line cannot be read as a setting (${yamlMessage.replace(/\.$/, '')})`, fix: SETTINGS };
}

const KNOWN = ['participant', 'cohort', 'supervisor', 'start_date', 'specialist_area', 'current_module', 'editor', 'programme', 'content_version', 'permanence'];

/** A schema error as a sentence about the setting, never the schema's own words. */
function plainError(e: ValidationError, data: Record<string, unknown>): { message: string; fix: string } {
  const key = e.instancePath.split('/')[1] ?? '';
  const value = key ? data[key] : undefined;
  if (key === 'start_date' && typeof value === 'string') return startDateProblem(value);
  if (e.keyword === 'additionalProperties') {
    const name = String(e.params.additionalProperty);
    return { message: `"${name}" is not a setting permanence knows`, fix: `remove the line, or correct its name; the settings are ${KNOWN.slice(0, 7).join(', ')}` };
  }
  if (e.keyword === 'required') {
    const name = String(e.params.missingProperty);
    const example: Record<string, string> = { participant: 'participant: "A. Practitioner"', start_date: 'start_date: 2026-09-07', programme: 'programme: achieving-permanence' };
    return { message: `the setting ${name} is missing`, fix: `add a line for it, e.g. ${example[name] ?? `${name}: ...`}` };
  }
  if (key === 'current_module') return { message: `current_module is ${JSON.stringify(value)}, but it is a module's number`, fix: 'write current_module: 1, 2, 3 or 4, or remove the line to follow the calendar' };
  if (key === 'participant' && value === '') return { message: 'participant is empty', fix: 'write your name or a pseudonym: participant: "A. Practitioner"' };
  if (e.keyword === 'type') return { message: `${key} is ${JSON.stringify(value)}, which is not text`, fix: `put the value in quotes: ${key}: "${String(value ?? '')}"` };
  if (e.keyword === 'maxLength') return { message: `${key} is longer than ${String(e.params.limit)} characters`, fix: 'shorten it' };
  if (e.keyword === 'pattern' || e.keyword === 'const') return { message: `${key} is ${JSON.stringify(value)}, which is not what permanence wrote there`, fix: `leave ${key} as permanence init wrote it (${key === 'programme' ? 'programme: achieving-permanence' : 'see a new portfolio made with permanence init'})` };
  return { message: describeError(e), fix: SETTINGS };
}

function startDateProblem(value: string): { message: string; fix: string } {
  const r = readDate(value);
  if (r.ok) return { message: `start_date ${value} is written day first; portfolio.yaml needs year-month-day`, fix: `if you mean ${r.read!.replace(/^.* is taken as /, '')}, write start_date: ${r.iso}` };
  return { message: `start_date: ${r.message.replace(/: write it as.*$/, '')}`, fix: 'write it as year-month-day, e.g. start_date: 2026-09-07 for 7 September 2026' };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
