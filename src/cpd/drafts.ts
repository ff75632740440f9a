// Drafts of Social Work England CPD records from the participant's own
// answers: each workshop they reviewed, and each reflective study, with the
// discussion with colleagues or a supervisor that the same week asks for as
// its peer reflection. Data, not sentences: cpd/format.ts words it. Nothing
// is submitted anywhere; every field is a draft to edit.
import { answerText, countWords } from '../assess/answers.js';
import type { Assessment } from '../assess/assess.js';
import type { Catalogue } from '../programme/load.js';
import type { Field, Task, Week } from '../programme/types.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { fieldKey, weekFile } from '../portfolio/layout.js';
import { weekStart } from '../export/weeks.js';
import { redactIdentifying, type Redaction } from './redact.js';

export interface RegistrationYear {
  /** "2026-27" */
  label: string;
  /** 1 December, YYYY-MM-DD */
  from: string;
  /** 30 November, YYYY-MM-DD */
  to: string;
}

export interface PeerReflection {
  learnt: string;
  /** Who the peer was, in role terms. */
  peer: string;
}

export interface CpdDraft {
  id: string;
  /** The week it comes from (module.week) and its file. */
  week: string;
  file: string;
  type: string;
  title: string;
  description: string;
  relevance: string;
  /** YYYY-MM-DD */
  date: string;
  /** How the date was found. */
  date_source: 'your answer' | 'programme calendar';
  learnt: string;
  impact: string;
  peer_reflection: PeerReflection | null;
  /** What the identifying-details check found and took out of the draft. */
  removed: Redaction[];
}

export interface CpdDrafts {
  year: RegistrationYear;
  records: CpdDraft[];
  /** Weeks answered but outside the registration year, with their dates: for another year's records. */
  other_years: { week: string; date: string }[];
}

export function registrationYear(label: string | undefined, today: string): RegistrationYear {
  let first: number;
  if (label === undefined) {
    const [y, m] = today.split('-').map(Number) as [number, number];
    first = m >= 12 ? y : y - 1;
  } else {
    const m = /^(\d{4})-(\d{2})$/.exec(label.trim());
    if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) throw new Error(`--year ${label}`);
    first = Number(m[1]);
  }
  return { label: `${first}-${String((first + 1) % 100).padStart(2, '0')}`, from: `${first}-12-01`, to: `${first + 1}-11-30` };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** "26 March 2026" or "2026-03-26" in an answer, as a date. */
function dateIn(text: string): string | undefined {
  const iso = /\b(20\d\d)-(\d\d)-(\d\d)\b/.exec(text);
  if (iso) return iso[0];
  const m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(20\d\d)\b/.exec(text);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  return m && month >= 0 ? `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}

const IMPACT = /\b(I now|I will|I have (?:now )?changed|I have started|from now on|in future|I no longer)\b/i;
const MAX_WORDS = 250;

/** Paragraphs up to about MAX_WORDS, cut between paragraphs, saying so. */
function shortened(paragraphs: string[]): string {
  const kept: string[] = [];
  let words = 0;
  for (const p of paragraphs) {
    if (kept.length > 0 && words + countWords(p) > MAX_WORDS) return `${kept.join('\n\n')}\n\n[…shortened: the rest is in your portfolio]`;
    kept.push(p);
    words += countWords(p);
  }
  return kept.join('\n\n');
}

const paragraphsOf = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

/** Role words in what the participant wrote about a discussion, never names. */
const ROLES: [RegExp, string][] = [
  [/\bsupervisor\b/i, 'my practice supervisor'],
  [/\b(team|service|line) manager\b|\bmanagers?\b/i, 'my manager'],
  [/\bcolleagues?\b/i, 'colleagues in my team'],
  [/\b(co-participants|other participants|the group|workshop)\b/i, 'other participants on the programme'],
  [/\b(partners|other disciplines|health visitor|teacher|police|psychologist|lay people)\b/i, 'professionals from other disciplines'],
];
export function peerRoles(text: string): string {
  const found = ROLES.filter(([re]) => re.test(text)).map(([, role]) => role);
  return found.length > 0 ? found.join('; ') : 'a peer (say who, by role)';
}

interface Found {
  task: Task;
  field: Field;
  text: string;
}

function answers(portfolio: Portfolio, moduleNumber: number, week: Week): Found[] {
  const entry = portfolio.entries.get(weekFile(moduleNumber, week.number));
  if (!entry) return [];
  return week.tasks.flatMap((task) =>
    task.fields.map((field) => ({ task, field, text: answerText(entry.slots.get(fieldKey(task.number, field.id))?.raw ?? '', field) })).filter((f) => f.text !== ''),
  );
}

export function draftRecords(cat: Catalogue, portfolio: Portfolio, assessment: Assessment, year: RegistrationYear, names: readonly string[]): CpdDrafts {
  const records: CpdDraft[] = [];
  const other_years: CpdDrafts['other_years'] = [];
  cat.weeks.forEach(({ module, week, ref }, i) => {
    const found = answers(portfolio, module.number, week);
    const by = (label: RegExp) => found.find((f) => label.test(f.field.label));
    const calendar = weekStart(portfolio.config?.start_date, i + 1) ?? assessment.calendar.today;
    const statements = cat.statementsForWeek(ref).map((s) => s.id);
    const relevanceOf = (extra: string) =>
      `${extra}${statements.length > 0 ? `${extra ? ' ' : ''}The programme links this week to the KSS-AP statements ${statements.join(', ')}.` : ''}`.trim();
    const base = { week: ref, file: weekFile(module.number, week.number) };
    let draft: Omit<CpdDraft, 'removed'> | undefined;

    if (week.kind === 'workshop') {
      const learnt = by(/main learning/i);
      const impact = by(/commitment to action/i);
      if (!learnt || !impact) return;
      const attended = by(/date you attended/i)?.text ?? '';
      const when = dateIn(attended);
      const goals = by(/my goals for today/i)?.text ?? '';
      draft = {
        id: `workshop-${ref}`,
        ...base,
        type: 'Learning event: a workshop',
        title: `Achieving Permanence, Module ${module.number} workshop${/^workshop$/i.test(week.title.trim()) ? '' : `: ${week.title.replace(/^Workshop:\s*/i, '')}`}`,
        description: `A day's workshop of the Achieving Permanence programme, Module ${module.number}: ${module.title}.`,
        relevance: relevanceOf(goals ? `My goals for the day: ${goals}` : ''),
        date: when ?? calendar,
        date_source: when ? 'your answer' : 'programme calendar',
        learnt: learnt.text,
        impact: [impact.text, by(/fit with my personal learning/i)?.text].filter(Boolean).join('\n\n'),
        peer_reflection: null,
      };
    } else {
      const study = found.find((f) => /reflective study/i.test(f.field.label));
      if (!study) return;
      const discussion = found.find((f) => f !== study && /\b(discuss|ask (some )?(your )?colleagues|feedback)\b/i.test(f.task.title));
      const paras = paragraphsOf(study.text);
      const impactParas = paras.filter((p) => IMPACT.test(p));
      const impact = impactParas.length > 0 ? impactParas : paras.slice(-1);
      const learnt = paras.filter((p) => !impact.includes(p));
      draft = {
        id: `study-${ref}`,
        ...base,
        type: discussion ? 'Reflection on practice: a reflective study, discussed with peers' : 'Reflection on practice: a reflective study',
        title: `Achieving Permanence, Module ${module.number}, week ${week.number}: ${week.title}`,
        description: `A reflective study for the Achieving Permanence programme: ${study.task.title.replace(/\s+/g, ' ').trim()}`,
        relevance: relevanceOf(''),
        date: calendar,
        date_source: 'programme calendar',
        learnt: shortened(learnt.length > 0 ? learnt : paras),
        impact: shortened(impact),
        peer_reflection: discussion ? { learnt: shortened(paragraphsOf(discussion.text)), peer: peerRoles(discussion.text) } : null,
      };
    }
    if (draft.date < year.from || draft.date > year.to) {
      other_years.push({ week: ref, date: draft.date });
      return;
    }
    records.push(redactIdentifying(draft, names));
  });
  return { year, records, other_years };
}
