import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';

export interface LocatedDocument {
  doc: Document;
  lines: LineCounter;
}

/** Parses YAML keeping what is needed to turn a JSON pointer into a line number. */
export function parseLocated(text: string, options: { maxAliasCount?: number; uniqueKeys?: boolean } = {}): LocatedDocument {
  const lines = new LineCounter();
  // Alias expansion is bounded where the document is turned into data (toJS({ maxAliasCount })).
  void options.maxAliasCount;
  const doc = parseDocument(text, {
    lineCounter: lines,
    uniqueKeys: options.uniqueKeys ?? true,
    prettyErrors: true,
  });
  return { doc, lines };
}

/**
 * The 1-based line of the node a JSON pointer (ajv's instancePath) names, or of
 * its nearest existing ancestor when the node is missing (a required property).
 */
export function lineOfPointer(located: LocatedDocument, pointer: string): number {
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
