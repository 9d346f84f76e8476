import { readFileSync } from 'node:fs';
import {
  CATEGORY_KEYS,
  type CategoryKey,
  compileRules,
  DEFAULT_RULES,
  modelFromCorpus,
  parseJsonl,
  triage,
} from '@desk/triage';

/**
 * `npm run eval:triage -- <file.jsonl>`: quality and speed of triage on labelled complaints (lines
 * of `{text, category, priority_hint?}`), with the shipped corpus and default rules.
 */
const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run eval:triage -- <file.jsonl>\n');
  process.exit(2);
}
const lines = parseJsonl(readFileSync(file, 'utf8')) as {
  text: string;
  category: CategoryKey;
  priority_hint?: string;
}[];
const context = {
  model: modelFromCorpus(),
  rules: compileRules(DEFAULT_RULES.map((r, i) => ({ ...r, id: `default-${i + 1}`, version: 1 }))),
};

for (const line of lines.slice(0, 20)) triage(line.text, context); // warm-up: JIT and the segmenter
const times: number[] = [];
const predicted = lines.map((line) => {
  const started = process.hrtime.bigint();
  const result = triage(line.text, context);
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  return result;
});

const confusion = new Map<string, number>();
for (const [i, line] of lines.entries()) {
  const key = `${line.category}>${predicted[i].category}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
}
const count = (actual: string, guess: string) => confusion.get(`${actual}>${guess}`) ?? 0;
const per = CATEGORY_KEYS.map((c) => {
  const tp = count(c, c);
  const predictedAs = CATEGORY_KEYS.reduce((s, a) => s + count(a, c), 0);
  const actual = CATEGORY_KEYS.reduce((s, g) => s + count(c, g), 0);
  const precision = predictedAs ? tp / predictedAs : 0;
  const recall = actual ? tp / actual : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    category: c,
    support: actual,
    precision: +precision.toFixed(3),
    recall: +recall.toFixed(3),
    f1: +f1.toFixed(3),
  };
});
const present = per.filter((p) => p.support > 0);
const accuracy = lines.filter((l, i) => l.category === predicted[i].category).length / lines.length;
const macroF1 = present.reduce((s, p) => s + p.f1, 0) / present.length;
const withHint = lines
  .map((l, i) => [l.priority_hint, predicted[i].priority])
  .filter(([hint]) => hint);
const priorityAccuracy =
  withHint.filter(([hint, got]) => hint === got).length / (withHint.length || 1);
const sorted = [...times].sort((a, b) => a - b);

const out = (text: string) => process.stdout.write(`${text}\n`);
out(`complaints: ${lines.length}`);
out(
  `accuracy: ${accuracy.toFixed(3)}   macro-F1: ${macroF1.toFixed(3)}   priority agreement: ${priorityAccuracy.toFixed(3)} (${withHint.length} with a hint)`,
);
out(`needs review: ${predicted.filter((p) => p.needsReview).length}`);
out(
  `compute per complaint: mean ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(3)} ms, p95 ${sorted[Math.floor(0.95 * (sorted.length - 1))].toFixed(3)} ms`,
);
out('\nper category:');
out(['category'.padEnd(18), 'support', 'precision', 'recall', 'f1'].join('\t'));
for (const p of per)
  out([p.category.padEnd(18), p.support, p.precision, p.recall, p.f1].join('\t'));
const abbreviation = (c: string) =>
  c
    .split('_')
    .map((w) => w.slice(0, 3))
    .join('_');
out('\nconfusion (rows: actual, columns: predicted):');
out(['', ...CATEGORY_KEYS.map(abbreviation)].map((x) => x.padEnd(9)).join(''));
for (const actual of CATEGORY_KEYS)
  out(
    [abbreviation(actual), ...CATEGORY_KEYS.map((g) => String(count(actual, g)))]
      .map((x) => x.padEnd(9))
      .join(''),
  );
