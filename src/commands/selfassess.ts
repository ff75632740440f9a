// permanence selfassess --stage baseline|followup: confidence (1-5) against
// every KSS-AP statement, saved rating by rating in the self-assessment item.
import { EXIT, usageError } from '../errors.js';
import { readAnswers } from '../portfolio/answers.js';
import type { IO } from '../ui/io.js';
import { PromptCancelled, type Prompter } from '../ui/prompts.js';
import { history, offerCommit } from '../guide/commit.js';
import type { Guide } from '../guide/context.js';
import { warnDetails } from '../guide/details.js';
import { rateStatements, ratingsIn, selfAssessmentSpec, withRating, type Stage } from '../guide/selfassess.js';
import { answersPath, noQuestions, openSession, prompterFor } from '../guide/session.js';
import { saveAnswer } from '../guide/store.js';

export interface SelfAssessOptions {
  stage?: string;
  dir?: string;
  answers?: string;
  commit?: boolean;
}

const STAGES: Stage[] = ['baseline', 'followup'];

export async function selfassess(io: IO, opts: SelfAssessOptions, prompter?: Prompter): Promise<number> {
  const stage = (opts.stage ?? '').trim().toLowerCase().replace(/^follow-up$/, 'followup') as Stage;
  if (!STAGES.includes(stage)) {
    throw usageError(
      `--stage ${opts.stage === undefined ? '(missing)' : `"${opts.stage}"`}: the stage is baseline (at the start of the programme) or followup (at the end).\n` +
        'Example: permanence selfassess --stage baseline',
    );
  }
  const since = Date.now();
  const session = openSession(io, opts.dir);
  const { cat, root, style: s, say } = session;
  const spec = selfAssessmentSpec(session, stage);
  const total = cat.statements.length;
  const rated = (g: Guide) => [...ratingsIn(g, spec).values()].filter((v) => v !== null).length;
  const message = (g: Guide) => `Self-assessment (${stage}): ${rated(g)} of ${total} statements rated`;

  const ask = opts.answers === undefined ? prompterFor(io, prompter, 'selfassess', `permanence selfassess --stage ${stage} --answers ratings.yaml`) : noQuestions;
  say(`${s.bold(spec.item.title)}`);
  say(s.dim(`Your ratings go in ${spec.file}.`));

  if (opts.answers !== undefined) {
    const targets = readAnswers(answersPath(io, opts.answers), cat, session.specs, undefined, spec.item.id);
    if (targets.length === 0) throw usageError(`${opts.answers} has no ratings. Example:\n  AP1.1: 3\n  AP1.2: 4\n  comment-1: "A note on section 1"`);
    const g: Guide = { ...session, ask: noQuestions };
    for (const t of targets) {
      const rating = /^AP/.test(t.key) ? Number(/(\d)\s*$/.exec(t.markdown)?.[1]) : undefined;
      const changed = saveAnswer(root, cat, t.spec, t.key, rating ? (raw) => withRating(raw, rating) : t.markdown);
      if (changed) g.touched.add(t.spec.file);
      say(`${changed ? s.green('✓ Saved') : s.dim('= Already there:')} ${t.key}${rating ? `: ${rating}` : ''}`);
      if (!rating) warnDetails(g, t);
    }
    say(`${message(g)}.`);
    await offerCommit(g, message(g), opts.commit === true, false, { since, file: spec.file });
    return EXIT.ok;
  }

  const g: Guide = { ...session, ask };
  const stop = () => {
    say();
    say(`Stopped. Your ratings so far are saved in ${spec.file}.`);
    if (history(root).kind === 'repo') say(s.dim("To keep them in your portfolio's history as well: permanence save"));
    return EXIT.interrupted;
  };
  try {
    const before = rated(g);
    say(`${before} of ${total} statements rated so far.`);
    if (stage === 'followup') {
      const base = [...ratingsIn(g, selfAssessmentSpec(g, 'baseline')).values()].filter((v) => v !== null).length;
      say(s.dim(base > 0 ? 'Your baseline rating is shown beside each statement.' : 'Your baseline has no ratings yet (permanence selfassess --stage baseline).'));
    }
    let mode: 'walk' | 'all' | 'stop' = 'walk';
    if (before > 0) {
      mode = await g.ask.select<'walk' | 'all' | 'stop'>({
        message: before === total ? `All ${total} are rated. Go through them again?` : 'Carry on?',
        choices: [
          ...(before < total ? [{ value: 'walk' as const, name: `Carry on with the ${total - before} not rated yet` }] : []),
          { value: 'all', name: `Go through all ${total} again (your ratings are the defaults)` },
          { value: 'stop', name: before === total ? 'No, finish' : 'Stop for now' },
        ],
        default: before < total ? 'walk' : 'stop',
      });
    }
    if (mode !== 'stop') await rateStatements(g, stage, mode);
    await offerCommit(g, message(g), opts.commit, true, { since, file: spec.file });
  } catch (err) {
    if (err instanceof PromptCancelled) return stop();
    throw err;
  }
  return EXIT.ok;
}

