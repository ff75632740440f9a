// Text made safe for XML 1.0: escaped, and without the characters XML cannot
// carry at all (C0 controls, lone surrogates, non-characters). Mahara drops
// those before parsing; we show where one was, so nothing vanishes unseen.

/** Characters an XML 1.0 document may hold, less DEL and the C1 controls, which Mahara's importer drops too (it keeps NEL; we do not). */
const NOT_XML = /[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufdcf\ufdf0-\ufffd\u{10000}-\u{1fffd}\u{20000}-\u{2fffd}\u{30000}-\u{10fffd}]/gu;

export const REPLACEMENT = '\ufffd';

/** The text with every character XML cannot carry replaced by U+FFFD. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML, REPLACEMENT);
}

/** Character data: `]]>` cannot occur, since every `>` is escaped. */
export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes; line breaks and tabs kept as references so a parser does not normalise them away. */
export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** An element with escaped text content. */
export const el = (name: string, text: string, attrs: Record<string, string> = {}) => `<${name}${attributes(attrs)}>${escapeText(text)}</${name}>`;

export function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
}
