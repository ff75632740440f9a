// The KSS-AP as a Mahara SmartEvidence framework (.matrix): its five sections
// as standards and its 36 statements as their elements, with the ids the
// programme uses (AP1.1 ... AP5.11), so a programme team running Mahara can
// load the same framework the portfolio is assessed against.
import type { Catalogue } from '../programme/load.js';
import type { Framework } from '../programme/types.js';
import { sourceText } from '../portfolio/layout.js';
import { textToXhtml } from './xhtml.js';
import { escapeText } from './xml.js';

/** Mahara keeps a standard's and an element's name in 255 characters, a short name in 100. */
export const NAME_MAX = 255;
export const SHORTNAME_MAX = 100;

export interface MatrixFile {
  framework: {
    institution: string;
    name: string;
    description: string;
    selfassess: boolean;
    evidencestatuses: Record<string, string>[];
    standards: { shortname: string; name: string; description: string; standardid: number }[];
    standardelements: { shortname: string; name: string; description: string; standardid: number; elementid: string }[];
  };
}

/** Cut at a word, with an ellipsis, to fit Mahara's column; the whole text is in the description. */
export function fit(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if ([...one].length <= max) return one;
  const cut = [...one].slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

const weeksLine = (weeks: string[]) => `<p>${escapeText(`Programme weeks (module.week): ${weeks.join(', ')}`)}</p>`;

export function buildMatrix(cat: Catalogue): MatrixFile {
  const fw: Framework = cat.programme.framework;
  return {
    framework: {
      institution: 'all',
      name: fit(`${fw.title} (${fw.year})`, NAME_MAX),
      description: `${textToXhtml(fw.introduction)}<p>${escapeText(sourceText(fw.provenance))}</p>`,
      // The supervisor, not the participant, says whether a statement is met.
      selfassess: false,
      evidencestatuses: [
        { begun: 'Ready for assessment' },
        { incomplete: 'Does not yet meet the statement' },
        { partialcomplete: 'Partly meets the statement' },
        { completed: 'Meets the statement' },
      ],
      standards: fw.sections.map((s) => ({
        shortname: fit(`Section ${s.number}`, SHORTNAME_MAX),
        name: fit(`${s.number}. ${s.title}`, NAME_MAX),
        description: `<p>${escapeText(s.title)}</p>${(s.unheaded ?? []).map((u) => `<p>${escapeText(u)}</p>`).join('')}`,
        standardid: s.number,
      })),
      standardelements: fw.sections.flatMap((s) =>
        s.statements.map((st) => ({
          shortname: fit(st.id, SHORTNAME_MAX),
          name: fit(`${st.id} ${st.heading}`, NAME_MAX),
          description: `<p><strong>${escapeText(st.heading.replace(/\s+/g, ' ').trim())}</strong></p>${textToXhtml(st.text)}${weeksLine(st.weeks)}`,
          standardid: s.number,
          elementid: st.id,
        })),
      ),
    },
  };
}

export const matrixJson = (cat: Catalogue) => `${JSON.stringify(buildMatrix(cat), null, 2)}\n`;
