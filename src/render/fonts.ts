// The faces the PDF is set in, and what happens to a character they lack.
// DejaVu Sans covers Latin with every diacritic, Greek, Cyrillic and the marks
// we draw (✓ ○ ● □); a character it lacks is shown as a visible marker and
// reported, never dropped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

const FILES: Record<Face, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

export const FACES = Object.keys(FILES) as Face[];

let bytes: Map<Face, Buffer> | undefined;

/** The font files, read once per process. */
export function fontBytes(): Map<Face, Buffer> {
  if (!bytes) {
    const require = createRequire(import.meta.url);
    bytes = new Map(FACES.map((f) => [f, readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FILES[f]}`))]));
  }
  return bytes;
}

function isPrintableAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7e || (c < 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d)) return false;
  }
  return true;
}

const asciiCovered = new WeakMap<GlyphSource, boolean>();

/** Whether a face draws every printable ASCII character, asked of the font once. */
function coversAscii(source: GlyphSource): boolean {
  let yes = asciiCovered.get(source);
  if (yes === undefined) {
    yes = true;
    for (let cp = 0x21; cp <= 0x7e && yes; cp++) yes = source.hasGlyphForCodePoint(cp);
    asciiCovered.set(source, yes);
  }
  return yes;
}

/** What fontkit says about a face: enough to know which characters it can draw. */
export interface GlyphSource {
  hasGlyphForCodePoint(cp: number): boolean;
}

/** A piece of text in one face, after characters the face lacks were moved to another face or to a marker. */
export interface Piece {
  text: string;
  face: Face;
  /** A character no face has, shown as its code point. */
  marker?: boolean;
}

export const codePointLabel = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Shown in place of a character no face can draw. */
export const markerText = (cp: number) => `[${codePointLabel(cp)}]`;

// Invisible characters (joiners, variation selectors, soft hyphens, BOM):
// nothing to draw, so nothing is lost by leaving them out.
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * Splits text into pieces each face can draw: a character missing from an
 * italic or mono face falls back to the regular face; one missing from the
 * regular face too becomes a marker and is reported through `onMissing`.
 */
export function coverText(text: string, face: Face, sources: Map<Face, GlyphSource>, onMissing: (char: string, cp: number) => void): Piece[] {
  const primary = sources.get(face)!;
  // Most text is printable ASCII, which every DejaVu face has: one piece, without asking the font about each character.
  if (isPrintableAscii(text) && coversAscii(primary)) return [{ text, face }];
  const fallback = sources.get(face === 'bold' || face === 'boldItalic' ? 'bold' : 'regular')!;
  const regular = sources.get('regular')!;
  const out: Piece[] = [];
  let current: Piece | undefined;
  const push = (t: string, f: Face, marker = false) => {
    if (current && current.face === f && Boolean(current.marker) === marker) current.text += t;
    else {
      current = marker ? { text: t, face: f, marker } : { text: t, face: f };
      out.push(current);
    }
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || cp === 0x20 || primary.hasGlyphForCodePoint(cp)) push(ch, face);
    else if (fallback.hasGlyphForCodePoint(cp)) push(ch, face === 'bold' || face === 'boldItalic' ? 'bold' : 'regular');
    else if (regular.hasGlyphForCodePoint(cp)) push(ch, 'regular');
    else if (IGNORABLE.test(ch)) continue;
    else {
      onMissing(ch, cp);
      push(markerText(cp), 'regular', true);
    }
  }
  return out;
}

interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}
interface FontkitFont {
  glyphForCodePoint(cp: number): FontkitGlyph;
  unitsPerEm: number;
}
interface EmbeddedFontLike {
  font: FontkitFont;
  scale: number;
  layout?: (text: string, features?: unknown, onlyWidth?: boolean) => unknown;
}

/** A face's glyphs by code point, looked up once (fontkit's cmap look-up is slow enough to show). */
export class Glyphs {
  private readonly cache = new Map<number, FontkitGlyph>();
  constructor(readonly font: FontkitFont) {}
  glyph(cp: number): FontkitGlyph {
    let g = this.cache.get(cp);
    if (!g) {
      g = this.font.glyphForCodePoint(cp);
      this.cache.set(cp, g);
    }
    return g;
  }
  /** Width of text in em. */
  width(text: string): number {
    let w = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += this.glyph(cp).advanceWidth;
    }
    return w / this.font.unitsPerEm;
  }
}

/**
 * Lays text out glyph by glyph from the font's advance widths, without
 * OpenType shaping. Full shaping costs about 0.1 ms a word in fontkit, which
 * made a whole portfolio take seconds; Latin, Greek and Cyrillic need none of
 * it (text is NFC-normalised first, so accents are precomposed), and leaving
 * out ligatures keeps every word extractable as typed. Measuring and drawing
 * both go through the same glyphs, so they always agree.
 */
export function usePlainLayout(embedded: unknown, glyphs: Glyphs): void {
  const f = embedded as EmbeddedFontLike;
  if (typeof f?.layout !== 'function') return;
  f.layout = (text: string, _features?: unknown, onlyWidth?: boolean) => {
    const list: FontkitGlyph[] = [];
    const positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }[] = [];
    let advanceWidth = 0;
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      const g = glyphs.glyph(cp);
      const w = g.advanceWidth * f.scale;
      advanceWidth += w;
      if (!onlyWidth) {
        list.push(g);
        positions.push({ xAdvance: w, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: w });
      }
    }
    return { glyphs: onlyWidth ? null : list, positions: onlyWidth ? null : positions, advanceWidth };
  };
}
