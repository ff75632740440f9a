// Build step (run by `npm run build`, and so by `npm install`): compiles the JSON
// schemas into standalone validators, so no command compiles a schema at start-up,
// then validates content/ against them and writes the resolved programme as JSON.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readContent } from '../programme/content.js';
import type { Validators } from '../programme/validators.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaDir = join(root, 'schemas');
const dist = join(root, 'dist');

/** Exported validator name -> schema file. */
export const SCHEMAS = {
  programme: 'programme.schema.json',
  module: 'module.schema.json',
  framework: 'framework.schema.json',
  items: 'items.schema.json',
  requirements: 'requirements.schema.json',
  portfolio: 'portfolio.schema.json',
  entry: 'entry.schema.json',
  verifyReport: 'verify-report.schema.json',
  assessment: 'assessment.schema.json',
} as const;

function main(): void {
  // ajv's standalone ESM output can still contain require() calls, so the
  // validators are generated as CommonJS and loaded with createRequire.
  const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, esm: false } });
  const ids: Record<string, string> = {};
  for (const file of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    const schema = JSON.parse(readFileSync(join(schemaDir, file), 'utf8')) as { $id: string };
    ajv.addSchema(schema, file);
  }
  for (const [name, file] of Object.entries(SCHEMAS)) {
    try {
      readFileSync(join(schemaDir, file));
    } catch {
      continue; // schemas added by later features; absent ones are skipped
    }
    ids[name] = file;
  }
  const code = standaloneCode.default(ajv, ids);
  mkdirSync(dist, { recursive: true });
  const validatorsFile = join(dist, 'validators.cjs');
  writeFileSync(validatorsFile, code);
  // What every command needs at run time, in a file of its own: the content
  // schemas are large and only the build and the tests use them.
  writeFileSync(join(dist, 'validators-runtime.cjs'), standaloneCode.default(ajv, { portfolio: ids.portfolio!, entry: ids.entry! }));

  const validators = createRequire(import.meta.url)(validatorsFile) as Validators;
  const { programme, errors } = readContent(join(root, 'content'), validators);
  if (errors.length > 0 || !programme) {
    process.stderr.write(`Found ${errors.length} problem(s) in content/:\n`);
    for (const e of errors) process.stderr.write(`  - ${e}\n`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(join(dist, 'programme.json'), JSON.stringify(programme));
  const tasks = programme.modules.flatMap((m) => m.weeks.flatMap((w) => w.tasks)).length;
  const statements = programme.framework.sections.flatMap((s) => s.statements).length;
  process.stdout.write(
    `content ${programme.version}: ${programme.modules.length} modules, ${tasks} tasks, ${programme.items.length} items, ` +
      `${programme.requirements.length} requirements, ${statements} statements\n`,
  );
}

main();
