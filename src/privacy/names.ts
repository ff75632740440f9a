// The participant's private list of names (private/names.txt) and the one
// combined regular expression that finds those names in portfolio text.
//
// How a name is matched: as a whole word, in any case, with or without its
// accents (Zoë, Zoe), its hyphens (Anne-Marie, Anne Marie, Annemarie) and
// its apostrophes (O'Brien, O’Brien, OBrien) and the spaces between its
// words (Kezia ThorntonBlake), with a possessive "'s" left
// outside the match, and with the words of a name split across a line break.
// A full name also finds its distinctive parts on their own: each word of
// three letters or more that is not an everyday word (Will, May, Rose, Hope,
// King, Hall ...) nor a title or particle (Mrs, van, de ...). A name written
// in double quotes is found only whole.
//
// Pure functions: no I/O. The caller reads the file and passes its text.

/** Names shorter than this (in characters, not UTF-16 units) are ignored. */
export const MIN_NAME_LENGTH = 2;

/** A part of a full name shorter than this (in letters) is not looked for on its own. */
export const MIN_PART_LENGTH = 3;

/**
 * The comment lines a new private/names.txt starts with: the list's syntax,
 * for the participant, in the file itself.
 */
export const NAMES_LIST_TEMPLATE = [
  '# Real names to keep out of your portfolio: one per line (children, parents, carers, places).',
  '# This folder is never committed to git and never goes into your submission.',
  '# permanence verify warns wherever one of these names appears in your portfolio,',
  '# in any case, with or without accents or hyphens, even split across two lines.',
  '# A full name also finds its parts: Kezia Thornton-Blake finds Kezia, Thornton and Blake',
  '# (but not parts under three letters, nor everyday words such as Will, May, Rose or Hall).',
  '# Put a name in double quotes to find it only whole: "Grace Hall" finds Grace Hall, not Grace.',
  '',
].join('\n');

export interface NamesList {
  /**
   * Trimmed, NFC-normalised, de-duplicated ignoring case and accents, in
   * first-seen order. A name to be found only whole keeps its double quotes
   * (straight ones), as findIdentifyingDetails expects.
   */
  names: string[];
  /** Lines that were ignored for a reason worth telling the participant. */
  problems: { line: number; message: string }[];
}

/** The line breaks a participant's editor may write: CRLF, LF, or CR alone. */
const LINE_BREAK = /\r\n|\r|\n/;

const QUOTED = /^["“”„](.*)["“”]$/u;

/** A list entry's name and whether it is to be found only whole. */
export function readEntry(entry: string): { name: string; fullOnly: boolean } {
  const tidy = entry.normalize('NFC').trim().replace(/\s+/gu, ' ');
  const quoted = QUOTED.exec(tidy);
  if (quoted) return { name: (quoted[1] ?? '').trim(), fullOnly: true };
  return { name: tidy, fullOnly: false };
}

/**
 * Parse the text of private/names.txt: one name per line (LF, CRLF or CR);
 * blank lines and lines whose first non-blank character is # are ignored;
 * surrounding whitespace is trimmed and inner runs of whitespace collapse to
 * one space; a name in double quotes is to be found only whole; names shorter
 * than two characters are ignored with a problem; duplicates (ignoring case
 * and accents) are dropped silently, a quoted one winning.
 */
export function parseNamesList(text: string): NamesList {
  const names: string[] = [];
  const problems: { line: number; message: string }[] = [];
  const seen = new Map<string, number>();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  body.split(LINE_BREAK).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trim().startsWith('#')) return;
    const { name, fullOnly } = readEntry(raw);
    if ([...name].length < MIN_NAME_LENGTH) {
      problems.push({
        line,
        message: `"${name}" is shorter than ${MIN_NAME_LENGTH} characters, so it is ignored (it would match too much); write the name in full`,
      });
      return;
    }
    const key = foldName(name);
    const written = fullOnly ? `"${name}"` : name;
    const at = seen.get(key);
    if (at !== undefined) {
      // The same name twice, once in quotes: the participant asked for the whole name only.
      if (fullOnly) names[at] = written;
      return;
    }
    seen.set(key, names.length);
    names.push(written);
  });
  return { names, problems };
}

// ---------------------------------------------------------------------------
// Folding: a letter with accents to its base letter, one UTF-16 unit for one,
// so offsets in the folded text are offsets in the text.

/** Letters that carry their mark in the letter itself and have no decomposition. */
const SPECIAL: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T' };
const COMBINING = /[\u0300-\u036f]/g;
const FOLDABLE = /[\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1fff]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const folded = new Map<string, string>();

function foldChar(ch: string): string {
  let f = folded.get(ch);
  if (f === undefined) {
    const d = ch.normalize('NFD');
    f = SPECIAL[ch] ?? (d.length > 1 && d.slice(1).replace(COMBINING, '') === '' ? (d[0] ?? ch) : ch);
    folded.set(ch, f);
  }
  return f;
}

/** The text with each accented Latin, Greek or Cyrillic letter replaced by its base letter; the same length. */
export function foldAccents(text: string): string {
  return NON_ASCII.test(text) ? text.replace(FOLDABLE, foldChar) : text;
}

/** A name's key: without accents or combining marks, lower case. */
function foldName(name: string): string {
  return foldAccents(name.normalize('NFD').replace(COMBINING, '')).toLowerCase();
}

// ---------------------------------------------------------------------------
// Which parts of a full name are looked for on their own.

/**
 * Everyday words that are also names, and titles and particles: a part of a
 * full name that is one of these is not looked for on its own, or every
 * "will", "may" and "hope" in a reflection would be an alarm.
 */
const COMMON_WORDS = new Set(
  (
    // Words of ordinary prose that are also first names or surnames.
    'will may mark rose hope grace faith joy amber river rivers brook brooks storm rain summer summers ' +
    'autumn winter winters spring dawn eve june april august march christmas sunday bill frank guy sunny ' +
    'rich don pat sue art chase hunter miles lane dean drew grant rob ray penny mercy honor honour ' +
    'patience justice liberty precious unique angel baby king queen prince major bishop judge knight page ' +
    'child day early banks waters stone green brown white black gray grey young wood woods hill hall bell ' +
    'cook baker walker ward price field fields moss long little short street west north south east best ' +
    'strong sharp power church chapel case care love friend fair free law court home house hunt wells burns ' +
    'mills lord sweet gold silver bright good heart moon sun star nan nana gran mum dad son ' +
    // Titles and particles.
    'mr mrs ms miss mx dr sir dame lady van von der den de del della la le du des da dos das di el al ' +
    'bin bint ibn abu mac mc ap ab jnr snr junior senior the and'
  ).split(' '),
);

/** Whether a part of a full name is distinctive enough to look for on its own. */
export function isDistinctivePart(part: string): boolean {
  const key = foldName(part).replace(/['\u2018\u2019\u02bc]/g, '');
  return [...key].length >= MIN_PART_LENGTH && !COMMON_WORDS.has(key);
}

/**
 * Whether a name is of two words or more, every one an everyday word ("Will
 * Hope", "Grace Hall"): such a name is found only written with capitals, or
 * "I will hope" would be an alarm. (A single word the participant listed,
 * "River", is found in any case.)
 */
export function isEverydayName(name: string): boolean {
  const words = foldName(name).split(/[\s\-\u2010\u2011\u2013>]+/).filter((w) => w !== '');
  return words.length > 1 && words.every((w) => COMMON_WORDS.has(w.replace(/['\u2018\u2019\u02bc]/g, '')));
}

/** A full name and, unless it is to be found only whole, its distinctive parts. */
function namesToFind(entry: string): string[] {
  const { name, fullOnly } = readEntry(entry);
  if ([...name].length < MIN_NAME_LENGTH) return [];
  const out = [name];
  if (fullOnly) return out;
  const words = name.split(' ');
  for (const word of words) {
    // A hyphenated surname is a part, and so is each of its halves.
    if (words.length > 1 && isDistinctivePart(word)) out.push(word);
    const pieces = word.split(/[-\u2010\u2011\u2013]/);
    if (pieces.length > 1) for (const p of pieces) if (isDistinctivePart(p)) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------
// The pattern.

/** Characters that are syntax in a regular expression. */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const escapeRegExp = (s: string): string => s.replace(SYNTAX, '\\$&');

const APOSTROPHES = "'\u2018\u2019\u02bc";
const HYPHENS = '-\u2010\u2011\u2013';
const SPACE = '[ \\t\\u00a0\\u202f]';
/** One line break, and the spaces and blockquote marker a continued line may start with. */
const LINE_BREAK_PATTERN = `(?:\\r\\n?|\\n)${SPACE}*(?:>${SPACE}*)?`;
/**
 * Between the words of a name, or where the list has a hyphen: spaces, one
 * line break, a hyphen (perhaps at a line's end), or nothing. Written so that
 * no two runs of spaces can meet, which keeps it linear.
 */
const GAP = `(?:${SPACE}*(?:${LINE_BREAK_PATTERN})?(?:[\\-\\u2010\\u2011\\u2013](?:${LINE_BREAK_PATTERN}|${SPACE}*))?)`;
/** Where the list has an apostrophe: any apostrophe, a space, or nothing. */
const APOSTROPHE_GAP = `(?:[${APOSTROPHES}]|${SPACE})?`;
/** Combining marks after a letter, for text written decomposed (NFD). */
const MARKS = '[\\u0300-\\u036f]*';

/** The pattern for one character of a name, written as foldName gives it. */
function unitPattern(ch: string, marks: boolean): string {
  if (ch === '-') return GAP;
  if (ch === "'") return APOSTROPHE_GAP;
  // A letter may be followed by combining marks; ASCII punctuation may not.
  return escapeRegExp(ch) + (marks && (/[A-Za-z]/.test(ch) || ch.charCodeAt(0) >= 0x80) ? MARKS : '');
}

interface TrieNode {
  end: boolean;
  children: Map<string, TrieNode>;
}

/**
 * The names as one pattern in the shape of a trie ("ka(?:y|te)" rather than
 * "kay|kate"), so that at each place in the text the engine tries the few
 * names starting with that letter, not every name on the list. A longer
 * name is tried before a shorter one it starts with.
 */
function triePattern(keys: readonly string[], marks: boolean): string {
  const root: TrieNode = { end: false, children: new Map() };
  for (const key of keys) {
    let node = root;
    // A space and a hyphen have the same pattern, and so have all apostrophes.
    for (const ch of key) {
      const unit = ch === ' ' || HYPHENS.includes(ch) ? '-' : APOSTROPHES.includes(ch) ? "'" : ch;
      let next = node.children.get(unit);
      if (!next) node.children.set(unit, (next = { end: false, children: new Map() }));
      node = next;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.children].map(([unit, child]) => unitPattern(unit, marks) + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? branches[0]! : `(?:${branches.join('|')})`;
    if (!node.end) return body;
    return branches.length === 1 ? `(?:${body})?` : `${body}?`;
  };
  return emit(root);
}

const cache = new Map<string, RegExp | null>();

/**
 * One global, case-insensitive regex matching, in text folded by foldAccents,
 * any of the names and their distinctive parts, longer names first so "Mary
 * Smith" wins over "Mary". With `marks`, a letter may be followed by
 * combining marks (for text that has any). Its word boundaries are ASCII: the
 * caller refuses a match next to another script's letter. Returns null when
 * there are no usable names. The last results are kept, keyed by the names.
 */
export function buildNamesRegex(names: readonly string[], marks = false): RegExp | null {
  const key = `${marks}\n${names.join('\n')}`;
  let regex = cache.get(key);
  if (regex !== undefined) {
    if (regex) regex.lastIndex = 0;
    return regex;
  }
  const unique = new Set<string>();
  for (const entry of names) for (const n of namesToFind(entry)) unique.add(foldName(n));
  // Word characters by ASCII classes only: Unicode property classes under the
  // i flag take milliseconds to compile, on every run.
  regex = unique.size === 0 ? null : new RegExp(`(?<![A-Za-z0-9_])${triePattern([...unique], marks)}(?![A-Za-z0-9_])`, 'gi');
  if (cache.size >= 4) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** A character that continues a word: a letter, a combining mark, a digit, or an underscore. */
export const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';
