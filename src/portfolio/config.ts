// portfolio.yaml: who the portfolio belongs to, and when their programme started.
import type { Catalogue } from '../programme/load.js';
import { describeError, usefulErrors, validators } from '../programme/validators.js';
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
  const parsed = readYaml(read.text.replace(/^\ufeff/, ''), { maxAliasCount: 20 });
  if (!parsed.ok) {
    return {
      problems: [{ file, line: parsed.line, severity: 'error', code: 'config', message: `is not valid YAML: ${parsed.message}`, fix: 'correct the line (key: value, one per line)' }],
    };
  }
  const data = parsed.data;
  const validate = validators().portfolio;
  if (!validate(data)) {
    for (const e of usefulErrors(validate.errors)) {
      problems.push({
        file,
        line: parsed.line(e.instancePath),
        severity: 'error',
        code: 'config',
        message: describeError(e),
        fix: 'portfolio.yaml holds: participant, cohort, supervisor, start_date (YYYY-MM-DD), programme and content_version',
      });
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
  if (Number.isNaN(Date.parse(`${config.start_date}T00:00:00Z`))) {
    problems.push({ file, line: parsed.line('/start_date'), severity: 'error', code: 'config', message: `start_date ${config.start_date} is not a date`, fix: 'write it as YYYY-MM-DD' });
  }
  return { ...(problems.some((x) => x.severity === 'error') ? {} : { config }), problems };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
