import {
  CATEGORY_KEYS,
  type CategoryKey,
  DEFAULT_PRIORITY,
  PRIORITY_KEYS,
  type PriorityKey,
} from './categories.js';
import { logScores, topTerms, type TriageModel } from './classifier.js';
import { type CompiledRule, matchRules, type RuleHit } from './rules.js';
import { detectLanguage, features, type Language, tokenize } from './tokenize.js';

/** Below this the verdict is a guess: the complaint goes to `needs_review` for a person to confirm. */
export const REVIEW_THRESHOLD = 0.6;

export interface TriageExplanation {
  rules: Pick<RuleHit, 'id' | 'name' | 'term' | 'category' | 'priority' | 'weight' | 'version'>[];
  topTerms: string[];
  classifier: Partial<Record<CategoryKey, number>>;
  priorityReason: string;
}

export interface TriageResult {
  category: CategoryKey;
  priority: PriorityKey;
  language: Language;
  confidence: number;
  explanation: TriageExplanation;
  needsReview: boolean;
}

export interface TriageContext {
  model: TriageModel;
  rules: readonly CompiledRule[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Decides category, priority and language of a complaint. The classifier's log-scores and the
 * weights of matching rules add up per category; a softmax turns them into the confidence. Priority
 * starts from the category's default and is raised (never lowered) by matching priority rules.
 * Pure and deterministic: the same text, model and rules always give the same answer.
 */
export function triage(text: string, context: TriageContext): TriageResult {
  const words = tokenize(text);
  const tokens = features(text, words);
  const hits = matchRules(text, context.rules);
  const scores = logScores(context.model, tokens);
  for (const hit of hits) if (hit.category) scores[hit.category] += hit.weight;

  const max = Math.max(...CATEGORY_KEYS.map((c) => scores[c]));
  const exp = CATEGORY_KEYS.map((c) => Math.exp(scores[c] - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  const probabilities = Object.fromEntries(
    CATEGORY_KEYS.map((c, i) => [c, exp[i] / sum]),
  ) as Record<CategoryKey, number>;
  const category = CATEGORY_KEYS.reduce(
    (best, c) => (probabilities[c] > probabilities[best] ? c : best),
    CATEGORY_KEYS[0],
  );
  const confidence = tokens.length === 0 && hits.length === 0 ? 0 : probabilities[category];

  let priority = DEFAULT_PRIORITY[category];
  let priorityReason = `default for ${category}`;
  for (const hit of hits) {
    if (hit.priority && PRIORITY_KEYS.indexOf(hit.priority) < PRIORITY_KEYS.indexOf(priority)) {
      priority = hit.priority;
      priorityReason = `raised by rule "${hit.name}" (${hit.term})`;
    }
  }

  const classifier = Object.fromEntries(
    CATEGORY_KEYS.filter((c) => probabilities[c] >= 0.01)
      .sort((a, b) => probabilities[b] - probabilities[a])
      .map((c) => [c, round(probabilities[c])]),
  );
  return {
    category,
    priority,
    language: detectLanguage(text),
    confidence: round(confidence),
    explanation: {
      rules: hits.map(({ id, name, term, category: c, priority: p, weight, version }) => ({
        id,
        name,
        term,
        category: c,
        priority: p,
        weight,
        version,
      })),
      topTerms: topTerms(context.model, words, category),
      classifier,
      priorityReason,
    },
    needsReview: confidence < REVIEW_THRESHOLD,
  };
}

/** Token-set overlap (Jaccard) of two texts: duplicate detection compares a user's complaints with it. */
export function similarity(a: string, b: string): number {
  const left = new Set(tokenize(a));
  const right = new Set(tokenize(b));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const token of left) if (right.has(token)) shared += 1;
  return shared / (left.size + right.size - shared);
}
