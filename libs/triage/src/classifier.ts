import { CATEGORY_KEYS, type CategoryKey } from './categories.js';
import { SUBWORD } from './tokenize.js';

export interface LabelledText {
  tokens: string[];
  category: CategoryKey;
  /** How much the example counts; agents' corrections count more than the shipped corpus. */
  weight?: number;
}

/**
 * A linear classifier: one weight per feature and category, trained one-vs-rest with the hinge loss
 * (a linear SVM) on tf-idf vectors of binary token presence, scaled to unit length. It keeps every
 * example it learned from, so learning a correction refits on all of them (about 0.2 s for the
 * shipped corpus) and the model stays the same function of the same examples. Plain JSON, so it can
 * be cached or shipped.
 */
export interface TriageModel {
  settings: TrainingSettings;
  /** Everything learned so far, in order: the corpus, then agents' corrections. */
  examples: LabelledText[];
  /**
   * Weight of every feature the examples contain: its inverse document frequency, times
   * `subwordWeight` for the pieces of English words.
   */
  idf: Record<string, number>;
  /** Per feature, one weight per category in CATEGORY_KEYS order. */
  weights: Record<string, number[]>;
  bias: number[];
}

export interface TrainingSettings {
  /** L2 regularisation. */
  lambda: number;
  /** Passes over the examples, each in a fresh (seeded) order. */
  epochs: number;
  /** Adagrad base step. */
  rate: number;
  seed: number;
  /**
   * How much the pieces of English words count next to whole words (their tf-idf is multiplied by
   * it): enough to catch typos without drowning out the words themselves.
   */
  subwordWeight: number;
  /**
   * Margins times `scale` are the log-odds the rules' weights add to; chosen by cross-validation
   * on the corpus as the value whose confidences fit best (lowest log-loss with the default rules).
   */
  scale: number;
}

/** Chosen by stratified 5-fold cross-validation on the shipped corpus (`npm run cv:triage`). */
export const DEFAULT_SETTINGS: TrainingSettings = {
  lambda: 1e-4,
  epochs: 20,
  rate: 0.1,
  seed: 7,
  subwordWeight: 0.15,
  scale: 4.5,
};

const K = CATEGORY_KEYS.length;

export function emptyModel(settings: Partial<TrainingSettings> = {}): TriageModel {
  return {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    examples: [],
    idf: {},
    weights: {},
    bias: new Array<number>(K).fill(0),
  };
}

/**
 * Adds examples to a model in place and refits it on everything it has learned: training and
 * learning from corrections are the same step. A weighted example counts that many times as much.
 */
export function learn(model: TriageModel, examples: readonly LabelledText[]): TriageModel {
  for (const { tokens, category, weight } of examples)
    model.examples.push({
      tokens: [...new Set(tokens)],
      category,
      ...(weight === undefined ? {} : { weight }),
    });
  fit(model);
  return model;
}

export function train(
  examples: readonly LabelledText[],
  settings?: Partial<TrainingSettings>,
): TriageModel {
  return learn(emptyModel(settings), examples);
}

/** mulberry32: a small seeded generator, so training is deterministic. */
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

interface SparseVector {
  ids: number[];
  values: number[];
}

/** Unit-length tf-idf vector of the distinct known tokens. */
function vectorise(
  tokens: readonly string[],
  weightOf: (token: string) => number | undefined,
): { tokens: string[]; values: number[] } {
  const known: string[] = [];
  const values: number[] = [];
  for (const token of new Set(tokens)) {
    const w = weightOf(token);
    if (w === undefined) continue;
    known.push(token);
    values.push(w);
  }
  const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0)) || 1;
  return { tokens: known, values: values.map((v) => v / norm) };
}

/**
 * Stochastic gradient descent with Adagrad steps on the one-vs-rest hinge loss with L2
 * regularisation (applied to the weights a step touches). Examples are shuffled with a fixed seed.
 */
function fit(model: TriageModel): void {
  const { lambda, epochs, rate, seed, subwordWeight } = model.settings;
  const ids = new Map<string, number>();
  const df: number[] = [];
  for (const { tokens } of model.examples) {
    for (const token of tokens) {
      let id = ids.get(token);
      if (id === undefined) {
        id = ids.size;
        ids.set(token, id);
        df.push(0);
      }
      df[id] += 1;
    }
  }
  const n = model.examples.length;
  const idf = df.map((d) => Math.log((n + 1) / (d + 1)) + 1);
  for (const [token, id] of ids) if (token.startsWith(SUBWORD)) idf[id] *= subwordWeight;
  const data: (SparseVector & { label: number; weight: number })[] = model.examples.map((e) => {
    const v = vectorise(e.tokens, (t) => idf[ids.get(t) as number]);
    return {
      ids: v.tokens.map((t) => ids.get(t) as number),
      values: v.values,
      label: CATEGORY_KEYS.indexOf(e.category),
      weight: e.weight ?? 1,
    };
  });

  const V = ids.size;
  const w = new Float64Array((V + 1) * K); // the last row is the bias
  const g2 = new Float64Array((V + 1) * K).fill(1e-8);
  const step = (index: number, gradient: number) => {
    g2[index] += gradient * gradient;
    w[index] -= (rate * gradient) / Math.sqrt(g2[index]);
  };
  const next = random(seed);
  const order = data.map((_, i) => i);
  const dloss = new Float64Array(K);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      const x = data[i];
      for (let c = 0; c < K; c++) {
        let margin = w[V * K + c];
        for (let t = 0; t < x.ids.length; t++) margin += w[x.ids[t] * K + c] * x.values[t];
        const sign = c === x.label ? 1 : -1;
        dloss[c] = sign * margin < 1 ? -sign * x.weight : 0;
      }
      for (let t = 0; t < x.ids.length; t++) {
        for (let c = 0; c < K; c++) {
          const index = x.ids[t] * K + c;
          step(index, dloss[c] * x.values[t] + lambda * w[index]);
        }
      }
      for (let c = 0; c < K; c++) step(V * K + c, dloss[c]);
    }
  }

  model.idf = {};
  model.weights = {};
  for (const [token, id] of ids) {
    model.idf[token] = idf[id];
    model.weights[token] = Array.from(w.subarray(id * K, id * K + K));
  }
  model.bias = Array.from(w.subarray(V * K, V * K + K));
}

/**
 * Log-odds per category (the margins times the model's scale): what the rules' weights add to and
 * the softmax turns into probabilities. Unknown tokens are ignored.
 */
export function logScores(
  model: TriageModel,
  tokens: readonly string[],
): Record<CategoryKey, number> {
  const x = vectorise(tokens, (t) => model.idf[t]);
  const scores = {} as Record<CategoryKey, number>;
  CATEGORY_KEYS.forEach((category, c) => {
    let margin = model.bias[c];
    for (let t = 0; t < x.tokens.length; t++) margin += model.weights[x.tokens[t]][c] * x.values[t];
    scores[category] = model.settings.scale * margin;
  });
  return scores;
}

/** The tokens that pushed most towards `category`: how much more they weigh there than elsewhere. */
export function topTerms(
  model: TriageModel,
  tokens: readonly string[],
  category: CategoryKey,
  n = 5,
): string[] {
  const c = CATEGORY_KEYS.indexOf(category);
  return [...new Set(tokens)]
    .filter((t) => model.weights[t])
    .map((t) => {
      const row = model.weights[t];
      const others = row.filter((_, i) => i !== c);
      return { t, lift: model.idf[t] * (row[c] - Math.max(...others)) };
    })
    .filter((x) => x.lift > 0)
    .sort((a, b) => b.lift - a.lift || a.t.localeCompare(b.t))
    .slice(0, n)
    .map((x) => x.t);
}
