// Reading a Leap2A package back as an importer would: unzip, parse the feed
// with an XML parser, and index its entries.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface ParsedLink {
  rel: string;
  href: string;
  type?: string;
  length?: string;
}

export interface ParsedEntry {
  id: string;
  title: string;
  updated: string;
  published: string;
  rdfType: string;
  contentType: string;
  /** The content's XHTML div, parsed. */
  div?: Record<string, unknown>;
  links: ParsedLink[];
  categories: { term: string; scheme?: string; label?: string }[];
}

export interface Package {
  files: Record<string, Uint8Array>;
  xml: string;
  feed: Record<string, unknown>;
  entries: ParsedEntry[];
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export function readPackage(zipPath: string): Package {
  const files = unzipSync(readFileSync(zipPath));
  const xml = new TextDecoder('utf-8', { fatal: true }).decode(files['leap2a.xml']);
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) throw new Error(`leap2a.xml is not well-formed: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', processEntities: true, htmlEntities: false, parseTagValue: false, trimValues: false });
  const doc = parser.parse(xml) as Record<string, Record<string, unknown>>;
  const feed = doc.feed!;
  const entries = list(feed.entry as Record<string, unknown>[] | Record<string, unknown>).map((e) => {
    const content = e.content as Record<string, unknown>;
    return {
      id: String(e.id),
      title: String(e.title),
      updated: String(e.updated),
      published: String(e.published),
      rdfType: String((e['rdf:type'] as Record<string, string>)['@rdf:resource']),
      contentType: String(content['@type']),
      ...(content.div ? { div: content.div as Record<string, unknown> } : {}),
      links: list(e.link as Record<string, string>[]).map((l) => ({ rel: l['@rel']!, href: l['@href']!, ...(l['@type'] ? { type: l['@type'] } : {}), ...(l['@length'] ? { length: l['@length'] } : {}) })),
      categories: list(e.category as Record<string, string>[]).map((c) => ({ term: c['@term']!, ...(c['@scheme'] ? { scheme: c['@scheme'] } : {}), ...(c['@label'] ? { label: c['@label'] } : {}) })),
    };
  });
  return { files, xml, feed, entries };
}

/** Every element name in a parsed tree. */
export function elementNames(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) elementNames(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@') || k === '#text') continue;
      out.add(k);
      elementNames(v, out);
    }
  }
  return out;
}

/** The raw text of each entry's XHTML content, as it stands in the file. */
export function rawContents(xml: string): string[] {
  return [...xml.matchAll(/<content type="xhtml">([\s\S]*?)<\/content>/g)].map((m) => m[1]!);
}
