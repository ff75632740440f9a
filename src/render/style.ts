// The PDF's page, type and colours, and the styled runs of text every part of it is made of.
import type { Face } from './fonts.js';

export const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
export const MARGIN = 20 * MM;
/** Left and right margins: a text column of about 70 characters of body text, the measure the eye keeps. */
export const SIDE = 30 * MM;
/** How far figures (the coverage matrix, the chart) reach into the side margins: they need the width, not the measure. */
export const WIDE = SIDE - MARGIN;

export const COLOURS = {
  text: '#1d1d1f',
  muted: '#5f6368',
  faint: '#9aa0a6',
  rule: '#c7cacf',
  fill: '#f1f3f4',
  accent: '#1f4e79',
  accentLight: '#dbe6f1',
  good: '#1e6b3a',
  goodLight: '#dff0e4',
  warn: '#8a4b00',
  warnLight: '#fbeed9',
  bad: '#a3231f',
  badLight: '#f8e1df',
  link: '#1a5296',
  code: '#eef0f2',
};

export const BODY = 11;
export const LEADING = 1.45;

export interface TextStyle {
  face: Face;
  size: number;
  color: string;
  link?: string;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
}

export interface Run {
  text: string;
  style: TextStyle;
}

export const style = (over: Partial<TextStyle> = {}): TextStyle => ({ face: 'regular', size: BODY, color: COLOURS.text, ...over });
export const run = (text: string, over: Partial<TextStyle> = {}): Run => ({ text, style: style(over) });

export interface TableCell {
  runs: Run[];
  align?: 'left' | 'center' | 'right' | null;
  fill?: string;
}

export interface TableOptions {
  size?: number;
  widths?: number[];
  headerFill?: string;
  /** Each row's first cell names what the row holds (a table of details without a header row): tagged TH with scope Row. */
  rowHeaders?: boolean;
}
