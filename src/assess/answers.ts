// The answered rule: what counts as the participant's own words in an answer
// slot, how many words they are, and what a rating says. The assessment is
// the one user of these rules; everything that shows progress asks it.
import type { Field } from '../programme/types.js';
import { RATING_LINE } from '../portfolio/layout.js';

/** A comment, or one left open: what follows an unclosed "<!--" is hidden from every reader too. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const UNCHECKED = /^[ \t]*[-*+][ \t]+\[ \][ \t]*([^\n]*)$/gm;

/**
 * The participant's own words in an answer region: no comments, none of the
 * template's unticked boxes (a check field's box; an area with no note after
 * it), and no line of the programme's own text copied in (the question, its
 * guidance, a vignette, a citation), quoted or not.
 */
export function answerText(raw: string, field?: Pick<Field, 'kind' | 'options' | 'prompt' | 'guidance' | 'context' | 'label'>): string {
  const text = withoutTemplate(raw, field);
  const programme = comparedWith(field);
  if (!programme) return text.trim();
  return text
    .split(/\r?\n/)
    .filter((line) => !isProgrammeLine(line, programme))
    .join('\n')
    .trim();
}

/** The region without comments and the template's unticked boxes. */
function withoutTemplate(raw: string, field?: Pick<Field, 'kind' | 'options'>): string {
  let text = raw.includes('<!--') ? raw.replace(HTML_COMMENT, '') : raw;
  if (field?.kind === 'check') text = text.replace(UNCHECKED, '');
  if (field?.kind === 'areas') {
    const options = new Set(field.options ?? []);
    text = text.replace(UNCHECKED, (line, rest: string) => (options.has(rest.replace(/:\s*$/, '').trim()) && /:\s*$/.test(rest) ? '' : line));
  }
  return text;
}

/** A tick's line carries the field's label by design: only written answers are compared with the programme's text. */
const comparedWith = (field?: Pick<Field, 'kind' | 'prompt' | 'guidance' | 'context' | 'label'>) =>
  field && field.kind !== 'check' && field.kind !== 'areas' ? programmeText(field) : undefined;

/** The programme's words for a field, folded (see fold): whole, and sentence by sentence. */
interface ProgrammeText {
  whole: string;
  sentences: Set<string>;
}
const programmeTexts = new WeakMap<object, ProgrammeText>();
function programmeText(field: Pick<Field, 'prompt' | 'guidance' | 'context' | 'label'>): ProgrammeText | undefined {
  let p = programmeTexts.get(field);
  if (p === undefined) {
    const parts = [field.label, field.prompt, field.guidance, field.context?.title, field.context?.text].filter((t): t is string => Boolean(t));
    const sentences = new Set(parts.flatMap((t) => t.split(/[.?!:;]+\s|\n+/)).map(fold).filter((x) => x.includes(' ')));
    p = { whole: ` ${parts.map(fold).join(' ')} `, sentences };
    programmeTexts.set(field, p);
  }
  return p;
}

/**
 * A line that is the programme's text copied in: folded, one of its sentences
 * (with or without its full stop), or eight words or more found in it. "A
 * short reflective study" or "Not yet" is never taken for the question.
 */
/**
 * A line's first three words, as fold would give them (for a line with no
 * markup or entity), found with ASCII classes. A negated Unicode class such as
 * [^\p{L}\p{N}] costs several milliseconds to compile, which every verify paid
 * before its first answer; the words are trusted only where they and the
 * character after them are ASCII, and the line is folded whole otherwise.
 */
const FIRST_WORDS = /^[^A-Za-z0-9]*([A-Za-z0-9]+)[^A-Za-z0-9]+([A-Za-z0-9]+)(?:[^A-Za-z0-9]+([A-Za-z0-9]+))?/;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

function firstWords(line: string): string | undefined {
  if (/[&<[]/.test(line)) return undefined;
  const m = FIRST_WORDS.exec(line);
  if (!m || !ASCII_ONLY.test(m[0]) || line.charCodeAt(m[0].length) >= 128) return undefined;
  return m.slice(1).filter(Boolean).join(' ').toLowerCase();
}

function isProgrammeLine(line: string, programme: ProgrammeText): boolean {
  // Most lines are the participant's: their first two words are not the programme's side by side. Folding is for the rest.
  const head = firstWords(line);
  if (head !== undefined && !programme.whole.includes(` ${head} `)) return false;
  const f = fold(line);
  if (f === '') return false;
  return programme.sentences.has(f) || (f.split(' ').length >= 8 && programme.whole.includes(` ${f} `));
}

/**
 * Letters and digits only, lower case, one space between words: punctuation,
 * markup and quoting do not matter. Plain ASCII, most lines, takes the quick
 * road; it runs on every line of every answer.
 */
function fold(t: string): string {
  const plain = /[&<[]/.test(t) ? readable(t) : t;
  const lower = plain.toLowerCase();
  if (ASCII_ONLY.test(lower)) return lower.replace(/[^a-z0-9]+/g, ' ').trim();
  // Each other character asked once whether it is a letter or digit: the
  // positive class compiles in a fraction of the time of [^\p{L}\p{N}].
  return lower.replace(NON_ASCII, (ch) => (isLetterOrDigit(ch) ? ch : ' ')).replace(/[^a-z0-9\u0080-\uffff]+/g, ' ').trim();
}

const NON_ASCII = /[^\x00-\x7f]/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const letterOrDigit = new Map<string, boolean>();
function isLetterOrDigit(ch: string): boolean {
  let known = letterOrDigit.get(ch);
  if (known === undefined) letterOrDigit.set(ch, (known = LETTER_OR_DIGIT.test(ch)));
  return known;
}

/** Characters that draw nothing: zero-width and joiner marks, the Hangul fillers, the byte-order mark, soft hyphens. */
const INVISIBLE = /[\p{Cf}\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180b-\u180f]/gu;
const HAS_LETTER = /\p{L}/u;

/**
 * An answer holds words of the participant's own: what is left, after markup
 * and invisible characters are gone, has letters in it.
 */
export function hasOwnWords(text: string): boolean {
  // Plain text with an ASCII letter in it needs nothing resolved first.
  if (/[A-Za-z]/.test(text) && !/[&<[]/.test(text)) return true;
  return HAS_LETTER.test(readable(text).replace(INVISIBLE, ''));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', zwsp: '', shy: '' };

/**
 * The text as it will be read: entities resolved, HTML tags and markdown
 * links, images and reference definitions reduced to the words they show,
 * table pipes and slashes as spaces, every kind of line break as one.
 */
export function readable(md: string): string {
  let t = md;
  if (t.includes('&')) {
    t = t.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : ' ';
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  }
  if (t.includes('<')) t = t.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<https?:[^>\s]+>/g, ' link ').replace(/<\/?[a-z][^<>]*>/gi, ' ');
  if (t.includes('[')) {
    t = t
      // A reference definition's label has something in it (CommonMark): "[]:0" is text.
      .replace(/^[ \t]*\[(?![ xX]\])[^\]]*[^\s\]][^\]]*\]:[ \t]*\S+.*$/gm, ' ')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[[ xX]\]/g, ' ');
  }
  return t.replace(/[|/\\]/g, ' ').replace(/[\u0085\u2028\u2029\r\v\f]/g, '\n');
}

/**
 * Words as the text will be read (readable): a run of characters between
 * spaces with a letter or digit in it. List markers ("-", "1.", "2)") first on
 * a line are not words; "re-read" and "child’s" are one word each.
 */
export function countWords(text: string): number {
  const plain = readable(text).replace(INVISIBLE, '').replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/gm, '');
  let n = 0;
  for (const token of plain.split(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000\u1680]+/u)) {
    // Most words start with an ASCII letter or digit: the Unicode class is asked only of the rest.
    const c = token.charCodeAt(0);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || WORDISH.test(token)) n++;
  }
  return n;
}
const WORDISH = /[\p{L}\p{N}]/u;

export function isChecked(raw: string): boolean {
  return /^[ \t]*[-*+][ \t]+\[[xX]\]/m.test(raw);
}

/** Areas chosen: ticked, or with a note after the colon. */
export function chosenAreas(raw: string): { area: string; note: string; ticked: boolean }[] {
  const out: { area: string; note: string; ticked: boolean }[] = [];
  for (const m of raw.matchAll(/^[ \t]*[-*+][ \t]+\[([ xX])\][ \t]*([^:\n]*?)[ \t]*(?::[ \t]*(.*))?$/gm)) {
    const ticked = m[1] !== ' ';
    const note = (m[3] ?? '').trim();
    if (ticked || (note && hasOwnWords(note))) out.push({ area: (m[2] ?? '').trim(), note, ticked });
  }
  return out;
}

/** Whether a field's answer region holds an answer (a field of kind 'entry' is answered in its item, which the caller knows). */
export function isAnswered(field: Pick<Field, 'kind' | 'options' | 'prompt' | 'guidance' | 'context' | 'label'>, raw: string): boolean {
  switch (field.kind) {
    case 'check':
      return isChecked(raw) || hasOwnWords(answerText(raw, field));
    case 'areas':
      return chosenAreas(raw).length > 0 || hasOwnWords(answerText(raw, field));
    default: {
      // The first line of the participant's own settles it: most answers are decided on their first line.
      const programme = comparedWith(field);
      const text = withoutTemplate(raw, field);
      for (let start = 0; start <= text.length; ) {
        let nl = text.indexOf('\n', start);
        if (nl === -1) nl = text.length;
        const line = text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        if (hasOwnWords(line) && !(programme && isProgrammeLine(line, programme))) return true;
        start = nl + 1;
      }
      return false;
    }
  }
}

export type RatingRead = { value: number } | { value: null; written?: string };

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5 };

/** A rating as people write it, at the start of what follows "Confidence (1-5):", with the scale's own words after it. */
const RATING_WRITTEN =
  /^(?:\*\*|__|\*|_)?\s*(?:[0-9]+(?:[.,][0-9]+)?|one|two|three|four|five)\s*(?:\/\s*5)?(?:\*\*|__|\*|_)?(?:\s*[-–—:(]?\s*(?:not(?: at all)?|slightly|somewhat|fairly|quite|very|fully|extremely)?\s*confident\)?)?/i;

/**
 * The answer region with its rating set to a clean value: the rating as it
 * was written goes, whatever the participant wrote after it on the line
 * ("since the court case") and elsewhere stays.
 */
export function withRating(raw: string, value: number): string {
  const line = /^([ \t]*Confidence[ \t]*\(1[-–]5\)[ \t]*:)[ \t]*([^\r\n]*)$/im;
  if (!line.test(raw)) return [`Confidence (1-5): ${value}`, raw.trim()].filter(Boolean).join('\n\n');
  return raw.replace(line, (_whole, head: string, rest: string) => {
    const after = rest.replace(RATING_WRITTEN, '').trim();
    return `${head} ${value}${after ? ` ${after}` : ''}`;
  });
}

/**
 * The rating a self-assessment slot holds, from the forms people type: "4",
 * "4/5", "**4**", "4 - fairly confident", "four". null with what was written
 * when it is something else (out of range, not a whole number), so it can be
 * reported; null alone when nothing was written.
 */
export function readRating(raw: string): RatingRead {
  const m = RATING_LINE.exec(raw);
  if (!m) return { value: null };
  const written = m[1]!.trim();
  if (written === '') return { value: null };
  const bare = written.replace(/[*_`]/g, '').trim();
  const number = /^([0-9]+(?:[.,][0-9]+)?)(?:\s*\/\s*5)?(?:\s*(?:[-–—:(]|$)|\s+\p{L})/u.exec(bare);
  if (number) {
    const v = Number(number[1]!.replace(',', '.'));
    return Number.isInteger(v) && v >= 1 && v <= 5 ? { value: v } : { value: null, written };
  }
  const word = /^(\p{L}+)/u.exec(bare)?.[1]?.toLowerCase();
  if (word && NUMBER_WORDS[word] !== undefined) return { value: NUMBER_WORDS[word]! };
  return { value: null, written };
}

/** The rating (1 to 5) or null: see readRating. */
export function parseRating(raw: string): number | null {
  return readRating(raw).value;
}
