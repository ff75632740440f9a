// A week reference to a week of the programme, saying how it was decided. The
// same words everywhere (status, --help, the README): no reference is this
// week by the calendar; 8 to 28 is a programme week; 1 to 7 is a week of the
// current module; "1.2" is module 1, week 2.
import { calendarOf, PROGRAMME_WEEKS, programmeWeek, WEEKS_PER_MODULE } from '../assess/calendar.js';
import { usageError } from '../errors.js';
import type { Catalogue } from '../programme/load.js';
import type { Module, Week } from '../programme/types.js';
import type { PortfolioConfig } from '../portfolio/config.js';

export interface WeekRef {
  module: Module;
  week: Week;
  /** The week's number in the 28, for the heading ("programme week 8"). */
  programmeWeek: number;
  /** How the reference was placed, for the participant to see. */
  why?: string;
}

export const WEEK_REF_HELP = 'none: this week by the calendar; 8 to 28: a programme week; 1 to 7: a week of the current module; 1.2: module 1, week 2';

function weeksOf(m: Module): string {
  return m.weeks.map((w) => `  ${m.number}.${w.number}  ${w.title}`).join('\n');
}

function allModules(cat: Catalogue): string {
  return cat.programme.modules
    .map((m) => `  module ${m.number}: ${m.title} (weeks ${m.number}.1 to ${m.number}.${m.weeks.length}; programme weeks ${(m.number - 1) * WEEKS_PER_MODULE + 1} to ${(m.number - 1) * WEEKS_PER_MODULE + m.weeks.length})`)
    .join('\n');
}

const FORMS = `Give a week as:\n  permanence week          this week, by the calendar\n  permanence week 9        programme week 9 (of ${PROGRAMME_WEEKS})\n  permanence week 2        week 2 of the current module\n  permanence week 1.2      module 1, week 2`;

export function resolveWeek(cat: Catalogue, ref: string | undefined, opts: { module?: string | number }, config: PortfolioConfig | undefined, today: string): WeekRef {
  const r = (ref ?? '').trim();
  const full = /^(\d+)\.(\d+)$/.exec(r);
  const bare = /^\d+$/.test(r) ? Number(r) : undefined;
  const given = opts.module !== undefined && String(opts.module).trim() !== '' ? String(opts.module).trim() : undefined;
  if (given !== undefined && !/^\d+$/.test(given)) throw usageError(`--module ${given}: give the module's number, 1 to ${cat.programme.modules.length}`);
  if (r !== '' && !full && bare === undefined) throw usageError(`"${r}" is not a week. ${FORMS}\nThe modules:\n${allModules(cat)}`);
  const c = calendarOf(config?.start_date, today);
  let moduleNo: number;
  let weekNo: number;
  let why: string | undefined;
  if (full) {
    moduleNo = Number(full[1]);
    weekNo = Number(full[2]);
    if (given !== undefined && Number(given) !== moduleNo) throw usageError(`${r} is in module ${moduleNo}, but --module says ${given}: give one or the other`);
  } else if (bare !== undefined && bare > WEEKS_PER_MODULE && given === undefined) {
    if (bare > PROGRAMME_WEEKS) throw usageError(`There is no programme week ${bare}: the programme has ${PROGRAMME_WEEKS} weeks. ${FORMS}`);
    ({ module: moduleNo, week: weekNo } = programmeWeek(bare));
    why = `programme week ${bare}`;
  } else if (bare === 0) {
    throw usageError(`There is no week 0. ${FORMS}`);
  } else if (given !== undefined) {
    moduleNo = Number(given);
    if (bare === undefined) throw usageError(`--module ${given}: which week of it? e.g. permanence week ${given}.1`);
    weekNo = bare;
    why = 'from --module';
  } else if (bare !== undefined && config?.current_module !== undefined) {
    moduleNo = config.current_module;
    weekNo = bare;
    why = 'from current_module in portfolio.yaml';
  } else if (c.state === 'during') {
    moduleNo = c.module!;
    weekNo = bare ?? c.week!;
    why = bare === undefined ? `this week by the calendar (programme week ${c.programme_week} of ${PROGRAMME_WEEKS})` : `by the calendar (programme week ${c.programme_week} of ${PROGRAMME_WEEKS})`;
  } else if (c.state === 'before') {
    moduleNo = 1;
    weekNo = bare ?? 1;
    why = `as the programme has not started yet (it starts on ${config?.start_date})`;
  } else {
    const reason = c.state === 'after' ? `the ${PROGRAMME_WEEKS} weeks from ${config?.start_date} have ended` : 'portfolio.yaml has no valid start_date';
    throw usageError(
      `Which ${bare === undefined ? 'week' : `module's week ${bare}`}? ${reason[0]!.toUpperCase()}${reason.slice(1)}, so the calendar cannot say.\n` +
        `Give the module and week, e.g. permanence week 1.${bare ?? 1}${bare === undefined ? '' : `, or --module <n>, or set current_module: <n> in portfolio.yaml`}.\n` +
        `permanence status says which week is next. The modules:\n${allModules(cat)}`,
    );
  }
  const module = cat.programme.modules.find((m) => m.number === moduleNo);
  if (!module) throw usageError(`There is no module ${moduleNo}. The modules:\n${allModules(cat)}`);
  const week = module.weeks.find((w) => w.number === weekNo);
  if (!week) throw usageError(`There is no week ${moduleNo}.${weekNo}${why ? ` (module ${moduleNo} ${why})` : ''}. Module ${moduleNo} has weeks 1 to ${module.weeks.length}:\n${weeksOf(module)}`);
  return { module, week, programmeWeek: (moduleNo - 1) * WEEKS_PER_MODULE + weekNo, ...(why ? { why } : {}) };
}
