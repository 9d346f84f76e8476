/** What a rule looks at (SPEC: compensation rules). Absent conditions match everything. */
export interface RuleConditions {
  categories?: string[];
  priorities?: string[];
  slaBreached?: boolean;
  incidentLinked?: boolean;
  /** Only users with at most this many grants in the last 30 days. */
  maxGrantsLast30Days?: number;
}

export interface Amounts {
  memberDays: number;
  qCoins: number;
}

export interface CompensationRule {
  id: string;
  version: number;
  name: string;
  active: boolean;
  conditions: RuleConditions;
  outcome: Amounts;
  /** Per user, for this rule, over any rolling 30 days. */
  capPerUser30Days: Amounts | null;
}

export interface ComplaintFacts {
  category: string | null;
  priority: string | null;
  slaBreached: boolean;
  incidentLinked: boolean;
  /** The user's grants (any source) in the last 30 days. */
  grantsLast30Days: number;
}

export function ruleMatches(rule: CompensationRule, facts: ComplaintFacts): boolean {
  const c = rule.conditions;
  if (!rule.active) return false;
  if (c.categories?.length && !(facts.category && c.categories.includes(facts.category)))
    return false;
  if (c.priorities?.length && !(facts.priority && c.priorities.includes(facts.priority)))
    return false;
  if (c.slaBreached !== undefined && c.slaBreached !== facts.slaBreached) return false;
  if (c.incidentLinked !== undefined && c.incidentLinked !== facts.incidentLinked) return false;
  if (c.maxGrantsLast30Days !== undefined && facts.grantsLast30Days > c.maxGrantsLast30Days)
    return false;
  return true;
}

/**
 * What a matching rule proposes once its cap is applied: the outcome, cut down to what is left of
 * the cap after this rule's grants to the user in the last 30 days. Null when nothing is left.
 */
export function cappedOutcome(
  rule: CompensationRule,
  grantedByRule30Days: Amounts,
): Amounts | null {
  const cap = rule.capPerUser30Days;
  const left = (unit: keyof Amounts) =>
    cap
      ? Math.max(0, Math.min(rule.outcome[unit], cap[unit] - grantedByRule30Days[unit]))
      : rule.outcome[unit];
  const amounts = { memberDays: left('memberDays'), qCoins: left('qCoins') };
  return amounts.memberDays > 0 || amounts.qCoins > 0 ? amounts : null;
}
