import { existsSync, readFileSync } from 'node:fs';
import { CATEGORY_KEYS, type CategoryKey } from './categories.js';
import { train, type TriageModel } from './classifier.js';
import { features } from './tokenize.js';

export interface CorpusLine {
  text: string;
  category: CategoryKey;
}

/**
 * The shipped training corpus: lines of `{text, category, lang}` written for this project. Found
 * from the source tree (libs/triage/src) and from the compiled one (dist/libs/triage/src) alike.
 */
export const CORPUS_URL = [
  '../../../data/triage/corpus.jsonl',
  '../../../../data/triage/corpus.jsonl',
]
  .map((path) => new URL(path, import.meta.url))
  .find((url) => existsSync(url)) as URL;

export function parseJsonl(content: string): CorpusLine[] {
  return content
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const parsed = JSON.parse(line) as CorpusLine;
      if (!CATEGORY_KEYS.includes(parsed.category))
        throw new Error(`line ${i + 1}: unknown category ${parsed.category}`);
      return parsed;
    });
}

/** Trains the classifier on labelled lines: the one training step start-up and cross-validation share. */
export function modelFromLines(lines: readonly CorpusLine[]): TriageModel {
  return train(lines.map((line) => ({ tokens: features(line.text), category: line.category })));
}

/** Trains the classifier on the shipped corpus (well under a second), once per process. */
export function modelFromCorpus(path: URL | string = CORPUS_URL): TriageModel {
  return modelFromLines(parseJsonl(readFileSync(path, 'utf8')));
}
