// Line breaking: fragments of styled text (words, spaces, breaks), already
// measured, into lines no wider than the column.
import type { Face } from './fonts.js';
import type { TextStyle } from './style.js';

export type Measure = (text: string, face: Face, size: number) => number;

export interface Frag {
  text: string;
  style: TextStyle;
  face: Face;
  marker: boolean;
  width: number;
  kind: 'word' | 'space' | 'break';
}

export interface Line {
  frags: Frag[];
  width: number;
  height: number;
  size: number;
  /** Broken at a space: the tagged text ends the line with one, so words never run together. */
  soft?: boolean;
}

/** Breaks fragments into lines no wider than `width`; a word longer than a line is cut where it must be. */
export function breakLines(frags: Frag[], width: number, leading: number, baseSize: number, measure: Measure): Line[] {
  const lines: Line[] = [];
  let line: Frag[] = [];
  let lineWidth = 0;
  const finish = () => {
    let soft = false;
    while (line.length > 0 && line[line.length - 1]!.kind === 'space') {
      lineWidth -= line.pop()!.width;
      soft = true;
    }
    const size = line.reduce((s, f) => Math.max(s, f.style.size), line.length > 0 ? 0 : baseSize);
    lines.push(soft && line.length > 0 ? { frags: line, width: lineWidth, height: size * leading, size, soft } : { frags: line, width: lineWidth, height: size * leading, size });
    line = [];
    lineWidth = 0;
  };
  let i = 0;
  while (i < frags.length) {
    const f = frags[i]!;
    if (f.kind === 'break') {
      finish();
      i++;
      continue;
    }
    if (f.kind === 'space') {
      if (line.length > 0 && line[line.length - 1]!.kind !== 'space') {
        line.push(f);
        lineWidth += f.width;
      }
      i++;
      continue;
    }
    // A unit: words glued together with no space between (e.g. "**bold**,").
    let j = i;
    let unitWidth = 0;
    while (j < frags.length && frags[j]!.kind === 'word') unitWidth += frags[j++]!.width;
    const unit = frags.slice(i, j);
    if (lineWidth + unitWidth <= width + 0.01) {
      line.push(...unit);
      lineWidth += unitWidth;
    } else if (unitWidth <= width) {
      finish();
      line.push(...unit);
      lineWidth = unitWidth;
    } else {
      // Longer than a whole line (a long address): cut it where it must be cut.
      for (const u of unit) {
        if (u.marker) {
          if (lineWidth + u.width > width && line.length > 0) finish();
          line.push(u);
          lineWidth += u.width;
          continue;
        }
        let rest = u.text;
        while (rest.length > 0) {
          const room = width - lineWidth;
          let take = 0;
          let used = 0;
          for (const ch of rest) {
            const cw = measure(ch, u.face, u.style.size);
            if (used + cw > room && (take > 0 || line.length > 0)) break;
            used += cw;
            take += ch.length;
          }
          if (take === 0) {
            finish();
            continue;
          }
          const part = rest.slice(0, take);
          line.push({ ...u, text: part, width: used });
          lineWidth += used;
          rest = rest.slice(take);
          if (rest.length > 0) finish();
        }
      }
    }
    i = j;
  }
  if (line.length > 0 || lines.length === 0) finish();
  return lines;
}
