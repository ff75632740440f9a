// A participant's text as lines: where they break, the template's own lines,
// and the marker that says a line's details have been reviewed.

/** The marker a participant adds to a line to say its details have been reviewed. */
export const REVIEWED_MARKER = '<!-- reviewed -->';

/** The line breaks a participant's editor may write: CRLF, LF, or CR alone. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** A text's lines, split as the participant sees them (LF, CRLF or CR). */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** The set of a template's lines, trimmed, for FindOptions.templateLines. */
export function templateLineSet(...templates: string[]): Set<string> {
  const set = new Set<string>();
  for (const t of templates) {
    for (const line of splitLines(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t)) {
      const trimmed = line.trim();
      if (trimmed !== '') set.add(trimmed);
    }
  }
  return set;
}

// Reviewed marker: `<!-- reviewed -->`, `<!--Reviewed-->`, `<!-- reviewed: my own work e-mail -->`

const REVIEWED_OPEN = /<!--[ \t]*reviewed(?![A-Za-z0-9_])/i;

/** Whether a line carries the reviewed marker (an HTML comment starting with the word "reviewed"). */
export function isReviewedLine(line: string): boolean {
  const open = REVIEWED_OPEN.exec(line);
  // Checking for the first opener's close with indexOf (rather than a lazy
  // regex) keeps this linear on a line of many unclosed openers.
  return open !== null && line.indexOf('-->', open.index + open[0].length) !== -1;
}

const LINE_BREAKS = /\r\n?|\n/g;

/** Where each line starts and ends (before its line break), LF, CRLF and CR alike. */
export function lineTable(body: string): { starts: number[]; ends: number[] } {
  const starts = [0];
  const ends: number[] = [];
  if (!body.includes('\r')) {
    // LF alone, as most files are: found by indexOf, several times quicker than the pattern.
    for (let nl = body.indexOf('\n'); nl !== -1; nl = body.indexOf('\n', nl + 1)) {
      ends.push(nl);
      starts.push(nl + 1);
    }
  } else {
    LINE_BREAKS.lastIndex = 0;
    for (let m = LINE_BREAKS.exec(body); m; m = LINE_BREAKS.exec(body)) {
      ends.push(m.index);
      starts.push(m.index + m[0].length);
    }
  }
  ends.push(body.length);
  return { starts, ends };
}
