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
  verifyReport?: Validator;
  assessment?: Validator;
}

let cached: Validators | undefined;

/** The validators compiled ahead of time by the build (dist/validators.cjs). */
export function validators(): Validators {
  if (!cached) {
    const require = createRequire(import.meta.url);
    // From src/ (tests) and from dist/ (the CLI) alike, the compiled file sits in dist/.
    const candidates = ['../../dist/validators.cjs', '../validators.cjs'];
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        cached = require(candidate) as Validators;
        break;
      } catch (err) {
        lastError = err;
      }
    }
    if (!cached) throw new Error(`The compiled schemas are missing (run 'npm run build'): ${String(lastError)}`);
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
