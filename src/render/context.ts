// What every part of the document shares: the writer, the input, and the
// contents (each heading's page, found as the flow reaches it).
import type { Catalogue } from '../programme/load.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Assessment } from '../assess/assess.js';
import { BODY, COLOURS, LEADING, run, type Run, type Writer } from './writer.js';

export interface SignoffView {
  name: string;
  role: string;
  /** YYYY-MM-DD */
  date: string;
  kind: 'final' | 'module';
  module?: number;
  note?: string;
  /** sha256 hex */
  digest: string;
  signed: boolean;
  status: 'valid' | 'changed' | 'invalid';
}

export interface RenderInput {
  cat: Catalogue;
  portfolio: Portfolio;
  assessment: Assessment;
  signoffs: SignoffView[];
  signoffStatus: 'none' | 'valid' | 'changed' | 'invalid';
  /** Every page marked DRAFT. */
  draft: boolean;
  /** The document date: from the last git commit or SOURCE_DATE_EPOCH, never the clock (the caller decides). */
  date: Date;
}

export interface TocEntry {
  id: string;
  title: string;
  level: 0 | 1;
  /** 0-based page, once the flow has reached it. */
  page?: number;
}

export interface Ctx {
  w: Writer;
  input: RenderInput;
  toc: TocEntry[];
  /** The participant, as the footer and certificate name them. */
  participant: string;
}

/** Marks where a contents entry starts: its page, and a destination the contents and links jump to. */
export function anchor(ctx: Ctx, id: string): void {
  const entry = ctx.toc.find((e) => e.id === id);
  if (entry) entry.page = ctx.w.page;
  (ctx.w.doc.addNamedDestination as (name: string, ...args: unknown[]) => void)(id, 'XYZ', null, ctx.w.y, null);
}

export const HEADING = {
  h1: 18,
  h2: 14.5,
  h3: 12,
};

/** A part of the document: a new page, its heading and its contents entry. */
export function partHeading(ctx: Ctx, id: string | null, title: string, subtitle?: string, options: { share?: boolean } = {}): void {
  const { w } = ctx;
  // A part that may share a page starts after what is before it when enough of the page is left.
  if (options.share && w.y > w.top + 0.5 && w.room >= NEW_PAGE_BELOW * (w.bottom - w.top)) w.space(24);
  else w.freshPage();
  w.startSection(title);
  if (id) anchor(ctx, id);
  w.paragraph([run(title, { face: 'bold', size: HEADING.h1, color: COLOURS.accent })], { tag: 'H1', leading: 1.25, keep: 1 });
  if (subtitle) w.paragraph([run(subtitle, { size: 9.5, color: COLOURS.muted })], { after: 0 });
  w.space(4);
  w.rule(COLOURS.accent, 1);
  w.space(12);
}

/** A week or an item starts on a new page only when less than this share of the page is left: short weeks share a page. */
export const NEW_PAGE_BELOW = 0.4;

/** Between weeks (or items): a new page when little is left of this one, else a rule and some space. */
export function sectionBreak(ctx: Ctx): void {
  const { w } = ctx;
  if (w.y <= w.top + 0.5) return;
  if (w.room < NEW_PAGE_BELOW * (w.bottom - w.top)) {
    w.newPage();
    return;
  }
  w.space(14);
  w.rule(COLOURS.rule, 0.6);
  w.space(16);
}

/** Lines of body text every heading keeps after it on its page. */
export const KEEP_LINES = 2;
export const bodyLines = (n: number, size = BODY) => n * size * LEADING;

/**
 * A heading kept with what follows: `keep` is the height of what must stay
 * on its page with it (a status line, a label, a prompt, the first lines of
 * an answer); without one, two lines of body text.
 */
/**
 * A heading drawn at `level`'s size; `as` is its level in the outline when
 * that differs (a summary's sections are set like task headings, but sit
 * straight under the part's H1).
 */
export function heading(ctx: Ctx, level: 2 | 3 | 4, runs: Run[], options: { id?: string; before?: number; after?: number; keep?: number; section?: string; as?: 2 | 3 | 4 | 5 } = {}): void {
  const { w } = ctx;
  const size = level === 2 ? HEADING.h2 : level === 3 ? HEADING.h3 : BODY;
  w.space(options.before ?? (level === 2 ? 10 : level === 3 ? 8 : 5));
  const sized = runs.map((r) => ({ text: r.text, style: { ...r.style, size: r.style.size === BODY ? size : r.style.size } }));
  const after = options.after ?? (level === 4 ? 1 : 3);
  const keep = Math.min(options.keep ?? bodyLines(KEEP_LINES), 0.6 * (w.bottom - w.top));
  w.ensure(headingHeight(w, sized) + after + keep);
  if (options.section !== undefined) w.startSection(options.section);
  if (options.id) anchor(ctx, options.id);
  w.paragraph(sized, { tag: `H${options.as ?? level}`, leading: 1.3, keep: 1, after });
}

export const headingHeight = (w: Writer, runs: Run[]) => w.heightOf(runs, w.width, 1.3);
