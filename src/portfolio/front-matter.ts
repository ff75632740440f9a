// An entry's front matter: the YAML block that says what the file is. Read as
// untrusted input: no engine that runs code, bounded in size, aliases and depth.
import { createRequire } from 'node:module';
import { describeError, usefulErrors, validators } from '../programme/validators.js';
import { readYaml } from '../util/yaml-location.js';
import type { EntrySpec } from './layout.js';
import type { Problem } from './problems.js';

export const MAX_FRONT_MATTER = 64 * 1024;

/** What reading the front matter fills in. */
export interface FrontMatterTarget {
  file: string;
  spec: EntrySpec;
  data?: Record<string, unknown>;
  problems: Problem[];
}

const requireCjs = createRequire(import.meta.url);

const refuse = () => {
  throw new Error('front matter that is code is not allowed');
};

/** YAML errors are thrown with their line so both routes report them alike. */
class YamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly depth = false,
  ) {
    super(message);
  }
}

export function readFrontMatter(entry: FrontMatterTarget, head: string, block: string): void {
  const { file, problems } = entry;
  // Lines inside the block, as gray-matter hands it over, count from the opening "---".
  const firstLine = 1;
  if (block.length > MAX_FRONT_MATTER) {
    problems.push({
      file,
      line: 1,
      severity: 'error',
      code: 'front-matter',
      message: `the header at the top is ${Math.round(block.length / 1024)} KB; a header only says what the file is and is at most ${MAX_FRONT_MATTER / 1024} KB`,
      fix: 'move your writing below the closing "---" line',
    });
    return;
  }
  let lineOf: (pointer: string) => number = () => 1;
  let data: unknown;
  // The block starts with the newline after the opening "---", so its lines count from that line.
  const yaml = (s: string) => {
    const r = readYaml(s.replace(/\r\n?/g, '\n'), { maxAliasCount: 20 });
    if (!r.ok) throw new YamlError(r.message, r.line, r.depth);
    lineOf = r.line;
    return r.data as object;
  };
  try {
    const language = /^---([^\r\n]*)/.exec(head)![1]!.trim();
    if (language === '' || language === 'yaml' || language === 'yml') {
      // Plain YAML front matter, the only kind a portfolio holds: read directly.
      data = yaml(`\n${block}`);
    } else {
      // Any other language ("---js", "---coffee"): gray-matter names it, with
      // every code-running engine refused. Loaded only for such a file.
      const matter = requireCjs('gray-matter') as typeof import('gray-matter');
      data = matter(head, { engines: { yaml, js: refuse, javascript: refuse, coffee: refuse, coffeescript: refuse, cson: refuse } }).data;
    }
  } catch (err) {
    const yamlError = err instanceof YamlError ? err : undefined;
    const message = err instanceof Error ? err.message : String(err);
    const js = !yamlError && (/not allowed/.test(message) || /engine "[^"]+" is not registered/i.test(message));
    problems.push({
      file,
      line: yamlError ? yamlError.line + firstLine - 1 : 1,
      severity: 'error',
      code: 'front-matter',
      message: js
        ? `the header at the top is written as code ("${/^---([^\r\n]*)/.exec(head)![1]!.trim()}"); permanence never runs code from a portfolio`
        : yamlError?.depth || err instanceof RangeError
          ? 'the header at the top is nested too deeply to read'
          : `the header between the "---" lines cannot be read: ${message}`,
      fix: js ? 'start the file with a plain "---" line' : 'correct the lines between the "---" lines (key: value, one per line)',
    });
    return;
  }
  const validate = validators().entry;
  if (!validate(data)) {
    for (const e of usefulErrors(validate.errors)) {
      const line = lineOf(e.instancePath) + firstLine - 1;
      problems.push({
        file,
        line,
        severity: 'error',
        code: 'front-matter',
        // A pattern is the schema's business: the participant hears which value is not the one permanence wrote.
        message:
          e.keyword === 'pattern'
            ? `in the header, ${e.instancePath.slice(1)} is ${JSON.stringify((data as Record<string, unknown>)[e.instancePath.slice(1)])}, which is not what permanence wrote there`
            : `in the header, ${describeError(e).replace(/^\//, '')}`,
        fix: 'the header says what the file is: permanence (week or item), title, and module and week, or item',
      });
    }
    return;
  }
  const d = data as Record<string, unknown>;
  checkExpected(entry, d, lineOf);
}

/** The front matter names this file: its kind, and its module and week or its item. */
function checkExpected(entry: FrontMatterTarget, d: Readonly<Record<string, unknown>>, lineOf: (pointer: string) => number): void {
  const { file, problems, spec } = entry;
  const firstLine = 1;
  entry.data = d;
  const expected =
    spec.kind === 'week'
      ? { permanence: 'week', module: spec.module, week: spec.week.number }
      : { permanence: 'item', item: spec.item.id };
  for (const [key, value] of Object.entries(expected)) {
    if (d[key] !== value) {
      problems.push({
        file,
        line: lineOf(`/${key}`) + firstLine - 1,
        severity: 'error',
        code: 'front-matter',
        message: `the header says ${key}: ${JSON.stringify(d[key] ?? null)}, but this file holds ${spec.title}`,
        fix: `set ${key}: ${JSON.stringify(value)}`,
      });
    }
  }
}

