// portfolio.yaml and entry front matter, as permanence writes them, are flat
// maps of simple scalars. Reading exactly that shape here spares loading the
// YAML library, which is most of the start-up of status and verify. Anything
// beyond it (nesting, flow collections, anchors, tags, escapes, block scalars,
// booleans, floats, duplicate keys, a document marker) is not decided here:
// the function returns undefined and the caller parses with `yaml`, which also
// words the errors. A property test holds the two to the same answers.

export type FlatValue = string | number;

export interface FlatDocument {
  data: Record<string, FlatValue>;
  /** 1-based line of each key. */
  lines: Record<string, number>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?:[ \t]+(.*?))?[ \t]*$/;
const DOUBLE = /^"([^"\\]*)"(?:[ \t]+#.*)?$/;
const SINGLE = /^'((?:[^']|'')*)'(?:[ \t]+#.*)?$/;
const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** A version (1.0.0): two dots make it no number, so a string. */
const VERSION = /^[0-9]+\.[0-9]+\.[0-9]+$/;
/** A plain scalar that is surely a string in YAML 1.2's core schema. */
const PLAIN_STRING = /^[A-Za-z\u00c0-\uffff][^:#\t]*$/;
const SPECIAL_WORDS = /^(?:true|false|null|True|False|TRUE|FALSE|Null|NULL|~|y|n|yes|no|on|off)$/i;

export function parseFlatYaml(text: string): FlatDocument | undefined {
  const data: Record<string, FlatValue> = Object.create(null) as Record<string, FlatValue>;
  const lines: Record<string, number> = Object.create(null) as Record<string, number>;
  const all = text.split('\n');
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!.endsWith('\r') ? all[i]!.slice(0, -1) : all[i]!;
    if (line.trim() === '' || /^#/.test(line)) continue;
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1]!;
    const raw = m[2];
    if (raw === undefined || key in data || key === '__proto__') return undefined;
    let value: FlatValue;
    let q: RegExpExecArray | null;
    if ((q = DOUBLE.exec(raw))) value = q[1]!;
    else if ((q = SINGLE.exec(raw))) value = q[1]!.replace(/''/g, "'");
    else {
      const plain = raw.replace(/[ \t]+#.*$/, '');
      if (INTEGER.test(plain)) value = Number(plain);
      else if (DATE.test(plain) || VERSION.test(plain)) value = plain;
      else if (PLAIN_STRING.test(plain) && !SPECIAL_WORDS.test(plain) && !/ $/.test(plain)) value = plain;
      else return undefined;
    }
    data[key] = value;
    lines[key] = i + 1;
  }
  return { data: { ...data }, lines: { ...lines } };
}
