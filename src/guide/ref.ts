// "2" or "1.2" to a week of the programme, saying how it was decided.
import { calendarOf } from '../assess/calendar.js';
import { usageError } from '../errors.js';
import type { Catalogue } from '../programme/load.js';
import type { Module, Week } from '../programme/types.js';
import type { PortfolioConfig } from '../portfolio/config.js';

export interface WeekRef {
  module: Module;
  week: Week;
  /** How a bare week number was placed in a module, for the participant to see. */
  why?: string;
}

function weeksOf(m: Module): string {
  return m.weeks.map((w) => `  ${m.number}.${w.number}  ${w.title}`).join('\n');
}

function allModules(cat: Catalogue): string {
  return cat.programme.modules.map((m) => `  module ${m.number}: ${m.title} (weeks ${m.number}.1 to ${m.number}.${m.weeks.length})`).join('\n');
}

export function resolveWeek(cat: Catalogue, ref: string, opts: { module?: string | number }, config: PortfolioConfig | undefined, today: string): WeekRef {
  const r = ref.trim();
  const full = /^(\d+)\.(\d+)$/.exec(r);
  const bare = /^\d+$/.test(r) ? Number(r) : undefined;
  const given = opts.module !== undefined && String(opts.module).trim() !== '' ? String(opts.module).trim() : undefined;
  if (given !== undefined && !/^\d+$/.test(given)) throw usageError(`--module ${given}: give the module's number, 1 to ${cat.programme.modules.length}`);
  if (!full && bare === undefined) {
    throw usageError(`"${ref}" is not a week: give a week number ("2", in the current module) or a module and week ("1.2").\nThe modules:\n${allModules(cat)}`);
  }
  let moduleNo: number;
  let weekNo: number;
  let why: string | undefined;
  if (full) {
    moduleNo = Number(full[1]);
    weekNo = Number(full[2]);
    if (given !== undefined && Number(given) !== moduleNo) throw usageError(`${ref} is in module ${moduleNo}, but --module says ${given}: give one or the other`);
  } else {
    weekNo = bare!;
    if (given !== undefined) {
      moduleNo = Number(given);
      why = 'from --module';
    } else if (config?.current_module !== undefined) {
      moduleNo = config.current_module;
      why = 'from current_module in portfolio.yaml';
    } else {
      const c = calendarOf(config?.start_date, today);
      if (c.state === 'during') {
        moduleNo = c.module!;
        why = `by the calendar (programme week ${c.programme_week} of 28)`;
      } else if (c.state === 'before') {
        moduleNo = 1;
        why = `as the programme has not started yet (it starts on ${config?.start_date})`;
      } else {
        const reason = c.state === 'after' ? `the 28 weeks from ${config?.start_date} have ended` : 'portfolio.yaml has no valid start_date';
        throw usageError(
          `Which module's week ${weekNo}? ${reason[0]!.toUpperCase()}${reason.slice(1)}, so the calendar cannot say.\n` +
            `Give the module too, e.g. permanence week 1.${weekNo}, or --module <n>, or set current_module: <n> in portfolio.yaml.\nThe modules:\n${allModules(cat)}`,
        );
      }
    }
  }
  const module = cat.programme.modules.find((m) => m.number === moduleNo);
  if (!module) throw usageError(`There is no module ${moduleNo}. The modules:\n${allModules(cat)}`);
  const week = module.weeks.find((w) => w.number === weekNo);
  if (!week) throw usageError(`There is no week ${moduleNo}.${weekNo}${why ? ` (module ${moduleNo} ${why})` : ''}. Module ${moduleNo} has weeks 1 to ${module.weeks.length}:\n${weeksOf(module)}`);
  return { module, week, ...(why ? { why } : {}) };
}
