import { createRequire } from 'node:module';

export interface ValidationError {
  instancePath: string;
  message?: string;
  keyword: string;
  params: Record<string, unknown>;
}

export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

export interface Validators {
  programme: Validator;
  module: Validator;
  framework: Validator;
  items: Validator;
  requirements: Validator;
  portfolio: Validator;
  entry: Validator;
  verifyReport: Validator;
  assessment: Validator;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Record<string, Validator>>();

function load(file: string): Record<string, Validator> {
  let mod = loaded.get(file);
  if (!mod) {
    // From src/ (tests) and from dist/ (the CLI) alike, the compiled files sit in dist/.
    let lastError: unknown;
    for (const candidate of [`../../dist/${file}`, `../${file}`]) {
      try {
        mod = require(candidate) as Record<string, Validator>;
        break;
      } catch (err) {
        lastError = err;
      }
    }
    if (!mod) throw new Error(`The compiled schemas are missing (run 'npm run build'): ${String(lastError)}`);
    loaded.set(file, mod);
  }
  return mod;
}

let cached: Validators | undefined;

/**
 * The validators compiled ahead of time by the build. Those every command uses
 * (portfolio.yaml, entry front matter) load from a small file of their own; the
 * rest load only when asked for.
 */
export function validators(): Validators {
  if (!cached) {
    const runtime = () => load('validators-runtime.cjs');
    const all = () => load('validators.cjs');
    const v = {} as Validators;
    for (const name of ['portfolio', 'entry'] as const) Object.defineProperty(v, name, { get: () => runtime()[name], enumerable: true });
    for (const name of ['programme', 'module', 'framework', 'items', 'requirements', 'verifyReport', 'assessment'] as const) {
      Object.defineProperty(v, name, { get: () => all()[name], enumerable: true });
    }
    cached = v;
  }
  return cached;
}

/** One ajv error as a person reads it: the path inside the document and the rule broken. */
export function describeError(e: ValidationError): string {
  const where = e.instancePath === '' ? '(top level)' : e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key '${String(e.params.additionalProperty)}'`;
    case 'required':
      return `${where}: missing '${String(e.params.missingProperty)}'`;
    case 'enum':
      return `${where}: must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}

/** ajv reports an if/then failure twice (the inner rule and 'must match "then" schema'); keep the useful one. */
export function usefulErrors(errors: ValidationError[] | null | undefined): ValidationError[] {
  return (errors ?? []).filter((e) => e.keyword !== 'if');
}
