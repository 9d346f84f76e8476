import type { CategoryKey, PriorityKey } from './categories.js';

/** A weighted vote: when the pattern matches, `category` gains `weight` (log-odds) and/or `priority` applies. */
export interface TriageRule {
  id: string;
  name: string;
  category: CategoryKey | null;
  priority: PriorityKey | null;
  /** Terms separated by `|`, or a regular expression when `isRegex`. */
  pattern: string;
  isRegex: boolean;
  weight: number;
  version: number;
}

export interface RuleHit {
  id: string;
  name: string;
  term: string;
  category: CategoryKey | null;
  priority: PriorityKey | null;
  weight: number;
  version: number;
}

const ASCII_WORD = /^[\x20-\x7e]+$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a rule's pattern; throws on an invalid regular expression (callers validate on save). */
export function compilePattern(rule: Pick<TriageRule, 'pattern' | 'isRegex'>): RegExp {
  if (rule.isRegex) return new RegExp(rule.pattern, 'iu');
  const terms = rule.pattern
    .split('|')
    .map((t) => t.trim())
    .filter(Boolean)
    // English terms match whole words ("ad" must not fire inside "bad"); Chinese has no word edges.
    .map((t) => (ASCII_WORD.test(t) ? `(?<![a-z0-9])${escape(t)}(?![a-z0-9])` : escape(t)));
  return new RegExp(terms.join('|'), 'iu');
}

export interface CompiledRule extends TriageRule {
  regex: RegExp;
}

export function compileRules(rules: readonly TriageRule[]): CompiledRule[] {
  return rules.map((rule) => ({ ...rule, regex: compilePattern(rule) }));
}

/** Every rule that matches the text, with the text it matched. */
export function matchRules(text: string, rules: readonly CompiledRule[]): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const match = rule.regex.exec(text);
    if (match) {
      hits.push({
        id: rule.id,
        name: rule.name,
        term: match[0],
        category: rule.category,
        priority: rule.priority,
        weight: rule.weight,
        version: rule.version,
      });
    }
  }
  return hits;
}
