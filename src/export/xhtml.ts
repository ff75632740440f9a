// A participant's markdown answer as an XHTML fragment for a Leap2A entry.
// marked's lexer reads it, as it does for the PDF; every piece of text is
// escaped here, and HTML the participant typed is shown as the characters
// they typed (as the PDF shows it), never passed through: the fragment is
// well-formed whatever the answer holds.
import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from '../render/markdown.js';
import { attributes, escapeText } from './xml.js';

const COMMENT = /<!--[\s\S]*?(-->|$)/g;
const BREAK_TAG = /^<br\s*\/?>$/i;
/** Links that a page may carry: web and mail addresses, nothing a browser would run. */
const SAFE_HREF = /^(https?:|mailto:)/i;

export function markdownToXhtml(markdown: string): string {
  const tokens = new Lexer({ gfm: true, breaks: false }).lex(markdown.replace(COMMENT, ''));
  return blocks(tokens);
}

/** Plain text as paragraphs (the programme's own text: prompts, guidance). */
export function textToXhtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeText(p)}</p>`)
    .join('');
}

function blocks(tokens: Token[]): string {
  let out = '';
  // Blank lines and link definitions show nothing.
  for (const t of tokens.filter((x) => x.type !== 'space' && x.type !== 'def')) {
    switch (t.type) {
      case 'paragraph':
      case 'text': {
        const inner = inline((t as Tokens.Paragraph).tokens ?? [{ type: 'text', raw: t.raw, text: (t as Tokens.Text).text } as Tokens.Text]);
        if (inner.trim() !== '') out += `<p>${inner}</p>`;
        break;
      }
      case 'heading': {
        const h = t as Tokens.Heading;
        const level = Math.min(6, h.depth + 3);
        out += `<h${level}>${inline(h.tokens)}</h${level}>`;
        break;
      }
      case 'list': {
        const l = t as Tokens.List;
        const tag = l.ordered ? 'ol' : 'ul';
        const start = l.ordered && typeof l.start === 'number' && l.start !== 1 ? attributes({ start: String(l.start) }) : '';
        out += `<${tag}${start}>`;
        for (const item of l.items) {
          const box = item.task ? (item.checked ? '☑ ' : '☐ ') : '';
          out += `<li>${escapeText(box)}${blocks(item.tokens.filter((x) => x.type !== 'checkbox'))}</li>`;
        }
        out += `</${tag}>`;
        break;
      }
      case 'blockquote':
        out += `<blockquote>${blocks((t as Tokens.Blockquote).tokens)}</blockquote>`;
        break;
      case 'code':
        out += `<pre>${escapeText((t as Tokens.Code).text)}</pre>`;
        break;
      case 'hr':
        out += '<hr/>';
        break;
      case 'table': {
        const tb = t as Tokens.Table;
        const row = (cells: Tokens.TableCell[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}>${inline(c.tokens)}</${tag}>`).join('')}</tr>`;
        out += `<table><thead>${row(tb.header, 'th')}</thead><tbody>${tb.rows.map((r) => row(r, 'td')).join('')}</tbody></table>`;
        break;
      }
      default: {
        // Raw HTML, and anything the lexer names that we do not: the characters as written.
        const any = t as { text?: string; raw: string };
        const text = (t.type === 'html' ? t.raw : (any.text ?? any.raw)).replace(COMMENT, '').trim();
        if (text !== '') out += `<p>${escapeText(text)}</p>`;
      }
    }
  }
  return out;
}

function inline(tokens: Token[] | undefined): string {
  let out = '';
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text': {
        const tt = t as Tokens.Text;
        out += tt.tokens && tt.tokens.length > 0 ? inline(tt.tokens) : escapeText(decodeEntities(tt.text));
        break;
      }
      case 'escape':
        out += escapeText((t as Tokens.Escape).text);
        break;
      case 'strong':
        out += `<strong>${inline((t as Tokens.Strong).tokens)}</strong>`;
        break;
      case 'em':
        out += `<em>${inline((t as Tokens.Em).tokens)}</em>`;
        break;
      case 'del':
        out += `<del>${inline((t as Tokens.Del).tokens)}</del>`;
        break;
      case 'codespan':
        out += `<code>${escapeText(decodeEntities((t as Tokens.Codespan).text))}</code>`;
        break;
      case 'br':
        out += '<br/>';
        break;
      case 'link': {
        const l = t as Tokens.Link;
        const words = inline(l.tokens);
        out += SAFE_HREF.test(l.href) ? `<a${attributes({ href: l.href })}>${words}</a>` : `${words} (${escapeText(l.href)})`;
        break;
      }
      case 'image': {
        const im = t as Tokens.Image;
        out += escapeText(`[image: ${im.text || 'no description'}] (${im.href})`);
        break;
      }
      case 'html': {
        const raw = (t as Tokens.HTML).raw;
        out += BREAK_TAG.test(raw.trim()) ? '<br/>' : escapeText(raw.replace(COMMENT, ''));
        break;
      }
      case 'checkbox':
        out += (t as Tokens.Checkbox).checked ? '☑ ' : '☐ ';
        break;
      default: {
        const any = t as { tokens?: Token[]; text?: string; raw: string };
        out += any.tokens ? inline(any.tokens) : escapeText(decodeEntities(any.text ?? any.raw));
      }
    }
  }
  return out;
}
