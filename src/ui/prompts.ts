// The real prompter: @inquirer/prompts, loaded on first use, and the
// terminal's own multi-line entry.
import { PromptCancelled, type Prompter } from './prompter.js';

export { PromptCancelled, type Choice, type Prompter } from './prompter.js';

export function inquirerPrompter(): Prompter {
  let mod: typeof import('@inquirer/prompts') | undefined;
  const load = async () => (mod ??= await import('@inquirer/prompts'));
  const guard = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) throw new PromptCancelled();
      throw err;
    }
  };
  return {
    input: async (q) => guard(async () => (await load()).input(q)),
    confirm: async (q) => guard(async () => (await load()).confirm(q)),
    select: async (q) => guard(async () => (await load()).select({ ...q, pageSize: 12 })),
    checkbox: async (q) => guard(async () => (await load()).checkbox({ ...q, pageSize: 15 })),
    multiline: async (q) => (await import('./multiline.js')).readMultiline(q),
  };
}
