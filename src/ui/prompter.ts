// The narrow interface every interactive flow asks through. The real one
// (prompts.ts) loads @inquirer/prompts on first use; tests pass a scripted one
// that fails on any question it did not expect.

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
   * `onChange` is given the text so far as it grows, to keep it on disk.
   */
  multiline?(q: { message: string; hint: string; onChange?: (text: string) => void }): Promise<string>;
}

/** Ctrl-C or a closed terminal while a question was open. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PromptCancelled';
  }
}
