// The narrow interface every interactive flow asks through. The real one loads
// @inquirer/prompts on first use; tests pass a scripted one that fails on any
// question it did not expect.

export interface Choice<T> {
  value: T;
  name: string;
  description?: string;
  checked?: boolean;
}

export interface Prompter {
  input(q: { message: string; default?: string; validate?: (v: string) => true | string }): Promise<string>;
  confirm(q: { message: string; default?: boolean }): Promise<boolean>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T>(q: { message: string; choices: Choice<T>[] }): Promise<T[]>;
  /**
   * Several lines typed in the terminal (a long answer when no editor is set).
   * Optional: without it, the guided flows ask line by line through input().
   */
  multiline?(q: { message: string; hint: string }): Promise<string>;
}

/** Ctrl-C or a closed terminal while a question was open. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PromptCancelled';
  }
}

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
