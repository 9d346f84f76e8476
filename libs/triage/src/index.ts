export * from './categories.js';
export * from './classifier.js';
export * from './corpus.js';
export * from './default-rules.js';
export * from './rules.js';
export * from './tokenize.js';
export * from './triage.policy.js';
