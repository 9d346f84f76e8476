import { CATEGORY_KEYS, type CategoryKey } from './categories.js';

export interface LabelledText {
  tokens: string[];
  category: CategoryKey;
  /** How much the example counts; agents' corrections count more than the shipped corpus. */
  weight?: number;
}

/** Multinomial naive Bayes over binary token presence; plain JSON so it can be cached or shipped. */
export interface NaiveBayesModel {
  alpha: number;
  documents: Record<CategoryKey, number>;
  tokenTotals: Record<CategoryKey, number>;
  counts: Record<string, Partial<Record<CategoryKey, number>>>;
  vocabulary: number;
}

const zeros = () =>
  Object.fromEntries(CATEGORY_KEYS.map((c) => [c, 0])) as Record<CategoryKey, number>;

/** `alpha` (additive smoothing) was chosen by 5-fold cross-validation on the shipped corpus. */
export function emptyModel(alpha = 0.5): NaiveBayesModel {
  return { alpha, documents: zeros(), tokenTotals: zeros(), counts: {}, vocabulary: 0 };
}

/** Adds examples to a model in place: training and learning from corrections are the same step. */
export function learn(model: NaiveBayesModel, examples: readonly LabelledText[]): NaiveBayesModel {
  for (const { tokens, category, weight = 1 } of examples) {
    model.documents[category] += weight;
    for (const token of new Set(tokens)) {
      let row = model.counts[token];
      if (!row) {
        row = model.counts[token] = {};
        model.vocabulary += 1;
      }
      row[category] = (row[category] ?? 0) + weight;
      model.tokenTotals[category] += weight;
    }
  }
  return model;
}

export function train(examples: readonly LabelledText[], alpha?: number): NaiveBayesModel {
  return learn(emptyModel(alpha), examples);
}

/** Log-likelihood per category (unnormalised log posterior); unknown tokens are ignored. */
export function logScores(
  model: NaiveBayesModel,
  tokens: readonly string[],
): Record<CategoryKey, number> {
  const totalDocs = CATEGORY_KEYS.reduce((sum, c) => sum + model.documents[c], 0);
  const known = [...new Set(tokens)].filter((t) => model.counts[t]);
  const scores = zeros();
  for (const category of CATEGORY_KEYS) {
    const denominator = model.tokenTotals[category] + model.alpha * (model.vocabulary + 1);
    let score = Math.log((model.documents[category] + 1) / (totalDocs + CATEGORY_KEYS.length));
    for (const token of known)
      score += Math.log(((model.counts[token][category] ?? 0) + model.alpha) / denominator);
    scores[category] = score;
  }
  return scores;
}

/** The tokens that pushed most towards `category`: how much likelier they are there than elsewhere. */
export function topTerms(
  model: NaiveBayesModel,
  tokens: readonly string[],
  category: CategoryKey,
  n = 5,
): string[] {
  const rate = (token: string, c: CategoryKey) =>
    ((model.counts[token]?.[c] ?? 0) + model.alpha) /
    (model.tokenTotals[c] + model.alpha * (model.vocabulary + 1));
  return [...new Set(tokens)]
    .filter((t) => model.counts[t]?.[category])
    .map((t) => {
      const others = CATEGORY_KEYS.filter((c) => c !== category).map((c) => rate(t, c));
      return { t, lift: Math.log(rate(t, category) / Math.max(...others)) };
    })
    .filter((x) => x.lift > 0)
    .sort((a, b) => b.lift - a.lift || a.t.localeCompare(b.t))
    .slice(0, n)
    .map((x) => x.t);
}
