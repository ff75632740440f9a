import { createRequire } from 'node:module';
import type { Document, LineCounter } from 'yaml';
import { parseFlatYaml } from './flat-yaml.js';

// The YAML library is loaded on first use: status and verify on an ordinary
// portfolio never need it (see flat-yaml.ts).
const requireCjs = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = () => (yamlModule ??= requireCjs('yaml') as typeof import('yaml'));

export interface LocatedDocument {
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML keeping what is needed to turn a JSON pointer into a line number. */
export function parseLocated(text: string, options: { uniqueKeys?: boolean } = {}): LocatedDocument {
  const { LineCounter: Counter, parseDocument } = yaml();
  const lines = new Counter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: options.uniqueKeys ?? true, prettyErrors: true });
  return { doc, lines };
}

/** YAML read as data, with a way back from a JSON pointer to a line, or the first error. */
export type ReadYaml =
  | { ok: true; data: unknown; line(pointer: string): number }
  | { ok: false; message: string; line: number; depth?: boolean };

/**
 * Reads a YAML document whose aliases expand to at most `maxAliasCount` nodes:
 * the common flat shape directly, anything else with the YAML library.
 */
export function readYaml(text: string, options: { maxAliasCount: number }): ReadYaml {
  const flat = parseFlatYaml(text);
  if (flat) return { ok: true, data: flat.data, line: (pointer) => flat.lines[pointer.split('/')[1] ?? ''] ?? 1 };
  let located: LocatedDocument;
  try {
    located = parseLocated(text);
  } catch (err) {
    return { ok: false, message: (err as Error).message, line: 1, depth: err instanceof RangeError };
  }
  if (located.doc.errors.length > 0) {
    const e = located.doc.errors[0]!;
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return { ok: false, message, line: e.linePos?.[0]?.line ?? 1, depth: /call stack/i.test(message) };
  }
  try {
    const data = located.doc.toJS({ maxAliasCount: options.maxAliasCount }) as unknown;
    return { ok: true, data, line: (pointer) => lineOfPointer(located, pointer) };
  } catch (err) {
    return { ok: false, message: (err as Error).message, line: 1, depth: err instanceof RangeError };
  }
}

/**
 * The 1-based line of the node a JSON pointer (ajv's instancePath) names, or of
 * its nearest existing ancestor when the node is missing (a required property).
 */
export function lineOfPointer(located: LocatedDocument, pointer: string): number {
  const { isMap, isSeq } = yaml();
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = located.doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of segments) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p.key) === segment);
      if (pair) {
        offset = rangeStart(pair.key) ?? offset;
        next = pair.value;
      }
    } else if (isSeq(node)) {
      next = node.items[Number(segment)];
    }
    if (next === undefined) break;
    node = next;
    offset = rangeStart(node) ?? offset;
  }
  return located.lines.linePos(offset).line;
}

function keyText(key: unknown): string | undefined {
  if (key && typeof key === 'object' && 'value' in key) return String((key as { value: unknown }).value);
  return key === undefined || key === null ? undefined : String(key);
}

function rangeStart(node: unknown): number | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] }).range;
    return range?.[0];
  }
  return undefined;
}
