// What every part of the document shares: the writer, the input, and the
// contents (each heading's page, found as the flow reaches it).
import type { Catalogue } from '../programme/load.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { Assessment } from '../assess/assess.js';
import { COLOURS, LEADING, run, type Run, type Writer } from './writer.js';

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
export function partHeading(ctx: Ctx, id: string | null, title: string, subtitle?: string): void {
  const { w } = ctx;
  w.freshPage();
  if (id) anchor(ctx, id);
  w.paragraph([run(title, { face: 'bold', size: HEADING.h1, color: COLOURS.accent })], { tag: 'H1', leading: 1.25, keep: 1 });
  if (subtitle) w.paragraph([run(subtitle, { size: 9.5, color: COLOURS.muted })], { after: 0 });
  w.space(4);
  w.rule(COLOURS.accent, 1);
  w.space(12);
}

/** A heading kept with at least three lines of what follows. */
export function heading(ctx: Ctx, level: 2 | 3 | 4, runs: Run[], options: { id?: string; before?: number; after?: number } = {}): void {
  const { w } = ctx;
  const size = level === 2 ? HEADING.h2 : level === 3 ? HEADING.h3 : 10.5;
  w.space(options.before ?? (level === 2 ? 10 : level === 3 ? 8 : 5));
  const height = w.heightOf(runs, w.width, 1.3);
  w.ensure(height + 3 * 10.5 * LEADING + 6);
  if (options.id) anchor(ctx, options.id);
  w.paragraph(
    runs.map((r) => ({ text: r.text, style: { ...r.style, size: r.style.size === 10.5 ? size : r.style.size } })),
    { tag: `H${level}`, leading: 1.3, keep: 1, after: options.after ?? (level === 4 ? 1 : 3) },
  );
}
