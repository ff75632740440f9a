// The one PDF a participant hands to their line manager: cover, contents,
// summary, every entry in programme order, sign-offs and (when a final
// sign-off is valid) a certificate. Same input, same bytes: the dates come
// from the input, never the clock.
import { createRequire } from 'node:module';
import { renderCover, renderCertificate, renderSignoffs } from './cover.js';
import { anchor, type Ctx, type RenderInput, type SignoffView, type TocEntry } from './context.js';
import { moduleId, itemId, renderItems, renderModules, renderSelfAssessments, weekId } from './entries.js';
import { FACES, Glyphs, fontBytes, usePlainLayout, type Face, type GlyphSource } from './fonts.js';
import { renderSummary } from './summary.js';
import { useXmp } from './xmp.js';

const KEYWORDS = 'Achieving Permanence; KSS-AP; portfolio; social work';
import { truncate } from './format.js';
import { A4, COLOURS, MARGIN, SIDE, Writer, run, type MissingGlyph } from './writer.js';

export type { RenderInput, SignoffView };

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  missingGlyphs: { char: string; codePoint: string; file: string }[];
}

export async function renderPdf(input: RenderInput): Promise<RenderResult> {
  // Loaded here, not at the top: pdfkit is heavy and only render needs it.
  // Its CommonJS build, one file a package, loads about 30 ms sooner on Node
  // 20 than its ES module build, whose dependencies come as some 70 modules.
  const PDFDocument = createRequire(import.meta.url)('pdfkit') as typeof import('pdfkit');
  const a = input.assessment;
  const participant = a.portfolio.participant ?? 'Participant';
  const title = `${a.programme.title}: portfolio of ${participant}`;
  const date = new Date(Math.floor(input.date.getTime() / 1000) * 1000);
  const subject = `${a.programme.title} portfolio${a.portfolio.cohort ? `, cohort ${a.portfolio.cohort}` : ''}${input.draft ? ' (draft, not verified)' : ''}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: 10, left: SIDE, right: SIDE },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: title,
      Author: participant,
      Subject: subject,
      Keywords: KEYWORDS,
      Creator: 'permanence',
      Producer: 'permanence (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  useXmp(doc, { title, author: participant, subject, keywords: KEYWORDS, creator: 'permanence', producer: 'permanence (pdfkit)', date, lang: 'en-GB' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const sources = new Map<Face, GlyphSource>();
  const metrics = new Map<Face, Glyphs>();
  for (const [face, bytes] of fontBytes()) {
    doc.registerFont(face, bytes);
    doc.font(face);
    // pdfkit keeps the fontkit font it opened: ask it which characters it has.
    const embedded = (doc as unknown as { _font: { font: GlyphSource & ConstructorParameters<typeof Glyphs>[0] } })._font;
    const glyphs = new Glyphs(embedded.font);
    sources.set(face, embedded.font);
    metrics.set(face, glyphs);
    usePlainLayout(embedded, glyphs);
  }
  doc.font('regular');
  if (FACES.some((f) => !sources.get(f)?.hasGlyphForCodePoint)) throw new Error('the PDF fonts could not be read');

  const w = new Writer(doc, sources, metrics, true);
  const ctx: Ctx = { w, input, toc: plan(input), participant };

  renderCover(ctx);
  // The contents come next, written last when every page number is known.
  const contentsPages = contentsPageCount(ctx);
  const contentsStruct = w.placeholder('Sect');
  const contentsStart = w.page + 1;
  for (let i = 0; i < contentsPages; i++) w.newPage();
  // Held for the contents: what follows starts on a page of its own.
  w.y = w.bottom;

  renderSummary(ctx);
  renderModules(ctx);
  renderItems(ctx);
  renderSelfAssessments(ctx);
  renderSignoffs(ctx);
  renderCertificate(ctx);

  const pages = w.page + 1;
  w.drawDecorations();
  writeContents(ctx, contentsStart, contentsStruct);
  writeOutline(ctx);
  for (let i = 0; i < pages; i++) pageFurniture(ctx, i, pages);
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages, missingGlyphs: dedupe(w.missing) };
}

/** The contents: every entry the document will have, in order. */
function plan(input: RenderInput): TocEntry[] {
  const { cat } = input;
  const toc: TocEntry[] = [
    { id: 'summary', title: 'Summary', level: 0 },
    { id: 'progress', title: 'Progress by module and week', level: 1 },
    { id: 'requirements', title: 'Portfolio requirements', level: 1 },
    { id: 'coverage', title: 'KSS-AP coverage', level: 1 },
    { id: 'chart', title: 'Self-assessment: baseline and follow-up', level: 1 },
  ];
  for (const m of cat.programme.modules) {
    toc.push({ id: moduleId(m.number), title: `Module ${m.number}: ${m.title}`, level: 0 });
    for (const wk of m.weeks) toc.push({ id: weekId(m.number, wk.number), title: `Week ${wk.number}: ${wk.title}`, level: 1 });
  }
  const text = cat.programme.items.filter((i) => i.kind === 'text');
  if (text.length > 0) {
    toc.push({ id: 'items', title: 'Portfolio items', level: 0 });
    for (const i of text) toc.push({ id: itemId(i.id), title: i.title, level: 1 });
  }
  const sa = cat.programme.items.filter((i) => i.kind === 'selfassessment');
  if (sa.length > 0) {
    toc.push({ id: 'selfassessments', title: 'Self-assessments', level: 0 });
    for (const i of sa) toc.push({ id: itemId(i.id), title: i.title, level: 1 });
  }
  toc.push({ id: 'signoffs', title: 'Sign-off records', level: 0 });
  if (input.signoffs.some((s) => s.kind === 'final' && s.status === 'valid')) toc.push({ id: 'certificate', title: 'Certificate of completion', level: 0 });
  return toc;
}

const CONTENTS_LINE = { 0: 19, 1: 15.5 } as const;
const CONTENTS_TOP = 52;

/** Where each contents line goes: its page (counted from the first contents page) and top. */
function contentsLayout(ctx: Ctx): { entry: TocEntry; page: number; y: number; h: number }[] {
  const { top, bottom } = ctx.w;
  let page = 0;
  let y = top + CONTENTS_TOP;
  return ctx.toc.map((entry) => {
    const h = CONTENTS_LINE[entry.level];
    if (entry.level === 0) y += 4;
    if (y + h > bottom) {
      page++;
      y = top;
    }
    const at = { entry, page, y, h };
    y += h;
    return at;
  });
}

function contentsPageCount(ctx: Ctx): number {
  return (contentsLayout(ctx).at(-1)?.page ?? 0) + 1;
}

function writeContents(ctx: Ctx, start: number, struct: PDFKit.PDFStructureElement | null): void {
  const { w } = ctx;
  const { doc } = w;
  w.within(struct, () => {
    doc.switchToPage(start);
    w.page = start;
    w.y = w.top;
    anchor(ctx, 'contents');
    w.paragraph([run('Contents', { face: 'bold', size: 18, color: COLOURS.accent })], { tag: 'H1', leading: 1.25 });
    w.space(4);
    w.rule(COLOURS.accent, 1);
    // The heading, then the list of entries: a TOC holds TOCI elements only.
    w.group('TOC', () => contentsEntries(ctx, start));
  });
}

function contentsEntries(ctx: Ctx, start: number): void {
  const { w } = ctx;
  const { doc } = w;
  for (const { entry: e, page: p, y, h } of contentsLayout(ctx)) {
    if (start + p !== w.page) {
      w.page = start + p;
      doc.switchToPage(w.page);
    }
    const indent = e.level === 0 ? 0 : 16;
    const size = e.level === 0 ? 11 : 10;
    const face = e.level === 0 ? 'bold' : 'regular';
    const page = e.page === undefined ? '' : String(e.page + 1);
    const pageW = 30;
    const titleW = w.width - indent - pageW - 8;
    const entry = () => {
      const line = w.layout([run(e.title, { face, size })], titleW + 200)[0]!;
      // Titles are short; one that is not is cut with an ellipsis to keep one line per entry.
      let shown = line;
      if (line.width > titleW) shown = w.layout([run(`${e.title.slice(0, Math.floor((e.title.length * titleW) / line.width) - 2)}…`, { face, size })], titleW + 50)[0]!;
      // Ended with a space: the tags read "Summary 4", not "Summary4".
      w.drawLine({ ...shown, height: h, soft: true }, w.left + indent, y, titleW);
      const dotsFrom = w.left + indent + shown.width + 6;
      const dotsTo = w.right - pageW - 2;
      w.drawLine({ ...w.layout([run(page, { face, size })], pageW)[0]!, height: h }, w.right - pageW, y, pageW, 'right');
      if (dotsTo > dotsFrom) {
        const baseline = y + h / 2 + size * 0.35;
        doc.save().lineWidth(0.7).strokeColor(COLOURS.faint).dash(0.7, { space: 2.6 }).moveTo(dotsFrom, baseline).lineTo(dotsTo, baseline).stroke().undash().restore();
      }
    };
    const x = w.left + indent;
    // Each entry a Link element: its words and the annotation that jumps to the heading, described.
    if (e.page === undefined) w.leaf('TOCI', entry);
    else w.group('TOCI', () => w.linked(`Go to ${e.title}, page ${page}`, entry, (options) => doc.goTo(x, y, w.width - indent, h, e.id, options)));
  }
}

/**
 * The same structure as bookmarks: summary, module → week, items,
 * self-assessments, sign-offs. Each goes to its heading where it stands on
 * the page (the named destination the contents use), not to the page's
 * corner: pdfkit's own destination puts the view's left edge at the page's
 * width.
 */
function writeOutline(ctx: Ctx): void {
  interface Item {
    outlineData: { Dest?: unknown };
    addItem(title: string, options?: { pageNumber?: number; expanded?: boolean }): Item;
  }
  const outline = ctx.w.doc.outline as unknown as Item;
  const add = (under: Item, title: string, page: number, id: string, expanded?: boolean): Item => {
    const item = under.addItem(title, { pageNumber: page, ...(expanded === undefined ? {} : { expanded }) });
    // A string names a destination: the one anchor() made at the heading.
    item.outlineData.Dest = new String(id);
    return item;
  };
  let parent: Item | undefined;
  add(outline, 'Cover', 0, 'cover');
  add(outline, 'Contents', 1, 'contents');
  for (const e of ctx.toc) {
    if (e.page === undefined) continue;
    if (e.level === 0) parent = add(outline, e.title, e.page, e.id, e.id.startsWith('module-') ? false : true);
    else if (parent) add(parent, e.title, e.page, e.id);
  }
}

/** Footer on every page, and the draft mark across it. */
function pageFurniture(ctx: Ctx, index: number, pages: number): void {
  const { w, input, participant } = ctx;
  const { doc } = w;
  doc.switchToPage(index);
  w.page = index;
  w.artifact(() => {
    const head = w.heads[index];
    if (head) {
      // The running header: which part, module and week a continued page belongs to.
      let shown = head;
      while (shown.length > 20 && w.measure(shown, 'regular', 8) > w.width) shown = truncate(shown, shown.length - 4);
      const line = w.layout([run(shown, { size: 8, color: COLOURS.muted })], w.width + 20)[0]!;
      w.drawLine(line, SIDE, MARGIN - 30, w.width);
      doc.save().lineWidth(0.4).strokeColor(COLOURS.rule).moveTo(SIDE, MARGIN - 14).lineTo(A4.width - SIDE, MARGIN - 14).stroke().restore();
    }
    const y = A4.height - MARGIN + 6;
    doc.save().lineWidth(0.4).strokeColor(COLOURS.rule).moveTo(SIDE, y - 5).lineTo(A4.width - SIDE, y - 5).stroke().restore();
    const left = w.layout([run(truncate(`${participant} · ${input.assessment.programme.title}`, 70), { size: 8, color: COLOURS.muted })], 300)[0]!;
    w.drawLine({ ...left, soft: true }, SIDE, y, 300);
    const right = w.layout(
      [...(input.draft ? [run('DRAFT — not verified', { face: 'bold', size: 8, color: COLOURS.bad }), run('   ', { size: 8 })] : []), run(`Page ${index + 1} of ${pages}`, { size: 8, color: COLOURS.muted })],
      240,
    )[0]!;
    w.drawLine(right, A4.width - SIDE - 240, y, 240, 'right');
    if (input.draft) {
      doc.save();
      doc.rotate(-52, { origin: [A4.width / 2, A4.height / 2] });
      doc.fillOpacity(0.09);
      const text = 'DRAFT — not verified';
      w.setFont('bold', 54);
      const tw = doc.widthOfString(text);
      doc.fillColor(COLOURS.bad).text(text, A4.width / 2 - tw / 2, A4.height / 2 - 32, { lineBreak: false });
      doc.restore();
    }
  });
}

function dedupe(list: MissingGlyph[]): MissingGlyph[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    const k = `${m.file}\u0000${m.codePoint}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
