import { readFileSync } from 'node:fs';
import {
  CATEGORY_KEYS,
  type CategoryKey,
  compileRules,
  CORPUS_URL,
  type CorpusLine,
  DEFAULT_RULES,
  modelFromLines,
  parseJsonl,
  REVIEW_THRESHOLD,
  triage,
} from '@desk/triage';

/**
 * `npm run cv:triage [-- --k 5 --repeats 3 --seed 1]`: stratified k-fold cross-validation of triage
 * on the shipped corpus, with the default rules applied exactly as in production. Each fold trains the
 * model from the other folds the way start-up does (`modelFromLines`) and triages the held-out fold,
 * so the figures are for complaints the model has never seen. Repeats reshuffle the folds with the
 * next seed; figures are means over repeats (± standard deviation). This is the only yardstick for
 * tuning the engine: the dev set stays unseen.
 */
const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const k = option('k', 5);
const repeats = option('repeats', 3);
const firstSeed = option('seed', 1);

const lines = parseJsonl(readFileSync(CORPUS_URL, 'utf8'));
const rules = compileRules(
  DEFAULT_RULES.map((r, i) => ({ ...r, id: `default-${i + 1}`, version: 1 })),
);

/** mulberry32: a small seeded generator, so folds are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold of every line: each category shuffled and dealt round-robin, continuing across categories. */
function stratifiedFolds(items: readonly CorpusLine[], folds: number, seed: number): number[] {
  const next = random(seed);
  const fold = new Array<number>(items.length);
  let dealt = 0;
  for (const category of CATEGORY_KEYS) {
    const members = items.flatMap((line, i) => (line.category === category ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    for (const i of members) fold[i] = dealt++ % folds;
  }
  return fold;
}

interface RunResult {
  accuracy: number;
  macroF1: number;
  f1: Record<CategoryKey, number>;
  /** Share of complaints whose confidence sends them to review, and accuracy on the others. */
  review: number;
  confidentAccuracy: number;
  times: number[];
  trainMs: number[];
}

function crossValidate(seed: number): RunResult {
  const fold = stratifiedFolds(lines, k, seed);
  const predicted = new Array<CategoryKey>(lines.length);
  const confidence = new Array<number>(lines.length);
  const times: number[] = [];
  const trainMs: number[] = [];
  for (let f = 0; f < k; f++) {
    const started = process.hrtime.bigint();
    const model = modelFromLines(lines.filter((_, i) => fold[i] !== f));
    trainMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    const context = { model, rules };
    for (const [i, line] of lines.entries()) {
      if (fold[i] !== f) continue;
      const t0 = process.hrtime.bigint();
      const result = triage(line.text, context);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      predicted[i] = result.category;
      confidence[i] = result.confidence;
    }
  }
  const f1 = {} as Record<CategoryKey, number>;
  for (const c of CATEGORY_KEYS) {
    let tp = 0;
    let asC = 0;
    let actual = 0;
    for (const [i, line] of lines.entries()) {
      if (predicted[i] === c) asC += 1;
      if (line.category === c) actual += 1;
      if (predicted[i] === c && line.category === c) tp += 1;
    }
    const precision = asC ? tp / asC : 0;
    const recall = actual ? tp / actual : 0;
    f1[c] = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  }
  const correct = lines.filter((line, i) => line.category === predicted[i]).length;
  const confident = lines.flatMap((_, i) => (confidence[i] >= REVIEW_THRESHOLD ? [i] : []));
  return {
    accuracy: correct / lines.length,
    macroF1: CATEGORY_KEYS.reduce((s, c) => s + f1[c], 0) / CATEGORY_KEYS.length,
    f1,
    review: 1 - confident.length / lines.length,
    confidentAccuracy:
      confident.filter((i) => lines[i].category === predicted[i]).length / (confident.length || 1),
    times,
    trainMs,
  };
}

// Warm-up: JIT and the segmenter's dictionary, outside the timings.
const warm = { model: modelFromLines(lines.slice(0, 200)), rules };
for (const line of lines.slice(0, 50)) triage(line.text, warm);

const runs = Array.from({ length: repeats }, (_, r) => crossValidate(firstSeed + r));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
const figure = (xs: number[]) => `${mean(xs).toFixed(4)} ± ${sd(xs).toFixed(4)}`;
const times = runs.flatMap((r) => r.times).sort((a, b) => a - b);
const trainMs = runs.flatMap((r) => r.trainMs);

const out = (text: string) => process.stdout.write(`${text}\n`);
out(
  `corpus: ${lines.length} lines, ${k}-fold stratified, ${repeats} repeat(s) from seed ${firstSeed}`,
);
out(`accuracy: ${figure(runs.map((r) => r.accuracy))}`);
out(`macro-F1: ${figure(runs.map((r) => r.macroF1))}`);
out(
  `needs review (confidence < ${REVIEW_THRESHOLD}): ${figure(runs.map((r) => r.review))}, accuracy on the rest ${figure(runs.map((r) => r.confidentAccuracy))}`,
);
out(
  `compute per complaint: mean ${mean(times).toFixed(3)} ms, p95 ${times[Math.floor(0.95 * (times.length - 1))].toFixed(3)} ms`,
);
out(
  `training per fold (${lines.length - Math.round(lines.length / k)} lines): mean ${mean(trainMs).toFixed(0)} ms, max ${Math.max(...trainMs).toFixed(0)} ms`,
);
out('\nper category F1:');
for (const c of CATEGORY_KEYS) out(`${c.padEnd(18)}\t${figure(runs.map((r) => r.f1[c]))}`);
