import { describe, expect, it } from 'vitest';
import { findIdentifyingDetails, parseNamesList, type DetailKind } from '../../src/privacy/identifying.js';
import { clean, CORPUS_NAMES_LIST, identifying } from './corpus.js';

// The bar: of the sentences with an identifying detail, the share in which
// the scan finds a detail of that family; of the clean ones, the share in
// which it finds anything at all.
const MIN_RECALL = 0.95;
const MAX_FALSE_ALARMS = 0.05;

const { names } = parseNamesList(CORPUS_NAMES_LIST);

describe('the corpus of reflective sentences', () => {
  it('is big enough and covers every family', () => {
    expect(identifying.length).toBeGreaterThanOrEqual(90);
    expect(clean.length).toBeGreaterThanOrEqual(60);
    const families = new Set(identifying.map((s) => s.family));
    expect([...families].sort()).toEqual(['date-of-birth', 'email', 'name', 'nhs-number', 'ni-number', 'phone', 'postcode']);
    expect(new Set(identifying.map((s) => s.text)).size).toBe(identifying.length);
    expect(new Set(clean).size).toBe(clean.length);
  });

  it(`finds at least ${MIN_RECALL * 100}% of identifying sentences and flags at most ${MAX_FALSE_ALARMS * 100}% of clean ones`, () => {
    const perFamily = new Map<DetailKind, { found: number; total: number }>();
    const missed: string[] = [];
    for (const s of identifying) {
      const counts = perFamily.get(s.family) ?? { found: 0, total: 0 };
      perFamily.set(s.family, counts);
      counts.total++;
      if (findIdentifyingDetails(s.text, { names }).some((f) => f.kind === s.family)) counts.found++;
      else missed.push(`${s.family} (${s.form}): ${JSON.stringify(s.text)}`);
    }
    const alarms = clean
      .map((text) => ({ text, found: findIdentifyingDetails(text, { names }) }))
      .filter((c) => c.found.length > 0)
      .map((c) => `${JSON.stringify(c.text)}: ${c.found.map((f) => `${f.kind} ${JSON.stringify(f.text)}`).join(', ')}`);
    const found = identifying.length - missed.length;
    const recall = found / identifying.length;
    const falseAlarmRate = alarms.length / clean.length;
    const lines = [
      `recall ${(recall * 100).toFixed(1)}% (${found} of ${identifying.length}); false alarms ${(falseAlarmRate * 100).toFixed(1)}% (${alarms.length} of ${clean.length})`,
      ...[...perFamily].map(([family, c]) => `  ${family}: ${c.found} of ${c.total}`),
      ...missed.map((m) => `  missed ${m}`),
      ...alarms.map((a) => `  false alarm ${a}`),
    ];
    console.log(lines.join('\n'));
    expect(recall, lines.join('\n')).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(falseAlarmRate, lines.join('\n')).toBeLessThanOrEqual(MAX_FALSE_ALARMS);
  });
});
