// Text from a portfolio, made safe to print on a terminal. A name, a file name,
// an answer or a message can hold control characters (ESC[2K, a carriage return,
// a newline) that would let a portfolio rewrite what the supervisor sees, so
// faking a line such as "COMPLETE". Each is shown as an escape, never obeyed.

/**
 * C0 controls and DEL, C1 controls (U+009B is CSI on some terminals), the bidi
 * overrides that reorder what is shown, lone surrogates and the two non-characters
 * XML refuses. Tab is harmless and kept.
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const UNSAFE_BUT_NEWLINE = new RegExp(UNSAFE.source.replace('\\u000a-\\u001f', '\\u000b-\\u001f'), 'g');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\x1b', '\u0000': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

function escape(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value (a name, a file name, a message) with every control character shown: it stays on its line. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Text of several lines, each kept, with every other control character shown. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escape);
}
