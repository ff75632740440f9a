// A participant's answer, written in markdown, set as PDF text. marked's lexer
// parses it (CommonMark with GFM tables, task lists and strikethrough); we draw
// the tokens ourselves through the Writer.
import { Lexer, type Token, type Tokens } from 'marked';
import { BODY, COLOURS, style, type Run, type TableCell, type TextStyle, type Writer } from './writer.js';

export interface MarkdownStyle {
  size: number;
  color: string;
  /** Space after each block. */
  gap: number;
}

export const ANSWER: MarkdownStyle = { size: BODY, color: COLOURS.text, gap: 5 };

const lexer = (md: string): Token[] => new Lexer({ gfm: true, breaks: false }).lex(md);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', pound: '£', euro: '€', copy: '©' };

/** HTML character references as the reader would see them. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const BREAK_TAG = /^<br\s*\/?>$/i;

/** Inline tokens as styled runs. */
export function inlineRuns(tokens: Token[] | undefined, base: TextStyle): Run[] {
  const out: Run[] = [];
  const walk = (list: Token[] | undefined, st: TextStyle) => {
    for (const t of list ?? []) {
      switch (t.type) {
        case 'text': {
          const tt = t as Tokens.Text;
          if (tt.tokens && tt.tokens.length > 0) walk(tt.tokens, st);
          else out.push({ text: decodeEntities(tt.text), style: st });
          break;
        }
        case 'escape':
          out.push({ text: (t as Tokens.Escape).text, style: st });
          break;
        case 'strong':
          walk((t as Tokens.Strong).tokens, { ...st, face: st.face === 'italic' || st.face === 'boldItalic' ? 'boldItalic' : 'bold' });
          break;
        case 'em':
          walk((t as Tokens.Em).tokens, { ...st, face: st.face === 'bold' || st.face === 'boldItalic' ? 'boldItalic' : 'italic' });
          break;
        case 'del':
          walk((t as Tokens.Del).tokens, { ...st, strike: true });
          break;
        case 'codespan':
          out.push({ text: decodeEntities((t as Tokens.Codespan).text), style: { ...st, face: 'mono', size: st.size - 0.5, code: true } });
          break;
        case 'br':
          out.push({ text: '\n', style: st });
          break;
        case 'link': {
          const l = t as Tokens.Link;
          const linkStyle = { ...st, color: COLOURS.link, link: l.href };
          const before = out.length;
          walk(l.tokens, linkStyle);
          const shown = out
            .slice(before)
            .map((r) => r.text)
            .join('');
          // The address itself, when the words do not already show it: a printed page cannot be clicked.
          const bare = l.href.replace(/^mailto:/, '');
          if (shown.trim() !== bare && shown.trim() !== l.href) out.push({ text: ` (${l.href})`, style: { ...st, color: COLOURS.muted, link: l.href, size: st.size - 1 } });
          break;
        }
        case 'image': {
          const im = t as Tokens.Image;
          out.push({ text: `[image: ${im.text || 'no description'}] (${im.href})`, style: { ...st, color: COLOURS.muted } });
          break;
        }
        case 'html': {
          const raw = (t as Tokens.HTML).raw;
          if (BREAK_TAG.test(raw.trim())) out.push({ text: '\n', style: st });
          else {
            const text = raw.replace(COMMENT, '');
            if (text !== '') out.push({ text, style: st });
          }
          break;
        }
        case 'checkbox':
          out.push({ text: (t as Tokens.Checkbox).checked ? '☑ ' : '☐ ', style: st });
          break;
        default: {
          const any = t as { tokens?: Token[]; text?: string; raw: string };
          if (any.tokens) walk(any.tokens, st);
          else out.push({ text: decodeEntities(any.text ?? any.raw), style: st });
        }
      }
    }
  };
  walk(tokens, base);
  // A bare address at the end of a source line keeps its line break: joined to the next line, it reads as part of the sentence.
  const kept: Run[] = [];
  for (const r of out) {
    const prev = kept[kept.length - 1];
    const m = /^[ \t]*\r?\n/.exec(r.text);
    if (m && prev?.style.link && prev.style.link.endsWith(prev.text) && r.text !== '\n') {
      kept.push({ text: '\n', style: r.style });
      if (r.text.length > m[0].length) kept.push({ ...r, text: r.text.slice(m[0].length) });
    } else kept.push(r);
  }
  // Soft line breaks inside a paragraph are spaces; hard breaks were made explicit above.
  return kept.map((r) => (r.text.includes('\n') && r.text !== '\n' ? { ...r, text: r.text.replace(/[ \t]*\r?\n[ \t]*/g, ' ') } : r));
}

const BULLETS = ['•', '◦', '▪'];

/** Renders markdown into the flow at the current position. */
export function renderMarkdown(w: Writer, markdown: string, ms: MarkdownStyle = ANSWER): void {
  // Headings written in the text sit below the heading they are written under (the writer keeps them from skipping a level).
  const outline = w.headingLevel;
  blocks(w, lexer(markdown.replace(COMMENT, '')), ms, 0, undefined, outline);
}

function blocks(w: Writer, tokens: Token[], ms: MarkdownStyle, depth: number, marker?: { run: Run; x: number }, outline = w.headingLevel): void {
  let pendingMarker = marker;
  const take = () => {
    const m = pendingMarker;
    pendingMarker = undefined;
    return m;
  };
  const base = style({ size: ms.size, color: ms.color });
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'paragraph':
      case 'text': {
        const runs = inlineRuns((t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Tokens.Text], base);
        if (runs.every((r) => r.text.trim() === '')) break;
        const m = take();
        w.paragraph(runs, { after: ms.gap, ...(m ? { marker: m.run, markerX: m.x } : {}) });
        break;
      }
      case 'heading': {
        const h = t as Tokens.Heading;
        const size = ms.size + Math.max(0, 3 - h.depth) * 1.25 + 0.5;
        const runs = inlineRuns(h.tokens, { ...base, face: 'bold', size });
        w.space(3);
        w.ensure(size * 1.4 + 3 * ms.size * 1.45);
        w.paragraph(runs, { tag: `H${Math.min(6, outline + h.depth)}`, after: ms.gap - 1 });
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        const start = typeof l.start === 'number' ? l.start : 1;
        const width = l.ordered ? Math.max(16, w.measure(`${start + l.items.length}.`, 'regular', ms.size) + 6) : 14;
        w.group('L', () => {
          l.items.forEach((item, i) => {
            const label = l.ordered ? `${start + i}.` : BULLETS[depth % BULLETS.length]!;
            const x = w.left;
            w.indented(width, () => {
              w.listItem(() => {
                const items = item.tokens.filter((x) => x.type !== 'checkbox');
                const box = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
                const run0: Run = { text: label, style: { ...base, color: l.ordered ? ms.color : COLOURS.muted } };
                if (box && items[0] && (items[0].type === 'text' || items[0].type === 'paragraph')) {
                  const first = items[0] as Tokens.Text;
                  items[0] = { ...first, tokens: [{ type: 'text', raw: box, text: box } as Tokens.Text, ...(first.tokens ?? [])] } as Tokens.Text;
                }
                blocks(w, items, { ...ms, gap: item.loose ? ms.gap : 1.5 }, depth + 1, { run: run0, x }, outline);
              });
            });
          });
        });
        w.space(ms.gap - 1.5);
        break;
      }
      case 'blockquote': {
        const m = take();
        if (m) w.paragraph([{ text: '', style: base }], { marker: m.run, markerX: m.x, keep: 1 });
        w.group('BlockQuote', () => w.quoted(() => blocks(w, (t as Tokens.Blockquote).tokens, { ...ms, color: COLOURS.muted }, depth, undefined, outline)));
        w.space(ms.gap);
        break;
      }
      case 'code': {
        take();
        w.codeBlock((t as Tokens.Code).text);
        w.space(ms.gap);
        break;
      }
      case 'hr':
        w.space(4);
        w.rule();
        w.space(8);
        break;
      case 'table': {
        const tb = t as Tokens.Table;
        const cell = (c: Tokens.TableCell, head: boolean): TableCell => ({
          runs: inlineRuns(c.tokens, { ...base, face: head ? 'bold' : 'regular' }),
          align: c.align,
        });
        take();
        w.table(
          tb.header.map((c) => cell(c, true)),
          tb.rows.map((r) => r.map((c) => cell(c, false))),
        );
        w.space(ms.gap + 2);
        break;
      }
      case 'html': {
        const text = (t as Tokens.HTML).raw.replace(COMMENT, '').trim();
        if (text !== '') {
          const m = take();
          w.paragraph([{ text, style: base }], { after: ms.gap, ...(m ? { marker: m.run, markerX: m.x } : {}) });
        }
        break;
      }
      default: {
        const any = t as { text?: string; raw: string };
        const text = (any.text ?? any.raw).trim();
        if (text !== '') w.paragraph([{ text, style: base }], { after: ms.gap });
      }
    }
  }
  // A list item with nothing under its marker still shows the marker.
  const m = take();
  if (m) w.paragraph([{ text: '', style: base }], { marker: m.run, markerX: m.x, keep: 1 });
}

/** The words a reader sees in rendered markdown: for tests and for measuring. */
export function plainText(markdown: string): string {
  const parts: string[] = [];
  const visit = (tokens: Token[]) => {
    for (const t of tokens) {
      if (t.type === 'table') {
        const tb = t as Tokens.Table;
        for (const row of [tb.header, ...tb.rows]) for (const c of row) parts.push(inlineRuns(c.tokens, style()).map((r) => r.text).join(''));
      } else if (t.type === 'list') for (const item of (t as Tokens.List).items) visit(item.tokens);
      else if (t.type === 'blockquote') visit((t as Tokens.Blockquote).tokens);
      else if (t.type === 'code') parts.push((t as Tokens.Code).text);
      else if (t.type === 'paragraph' || t.type === 'text' || t.type === 'heading') {
        parts.push(inlineRuns((t as Tokens.Paragraph).tokens ?? [t], style()).map((r) => r.text).join(''));
      } else if (t.type === 'html') parts.push((t as Tokens.HTML).raw.replace(COMMENT, ''));
    }
  };
  visit(lexer(markdown.replace(COMMENT, '')));
  return parts.join('\n');
}
