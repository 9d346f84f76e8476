import { cappedOutcome, type CompensationRule, ruleMatches } from './rule-matching.policy.js';

const rule = (overrides: Partial<CompensationRule> = {}): CompensationRule => ({
  id: 'r',
  version: 1,
  name: 'Late messages',
  active: true,
  conditions: { categories: ['functional_defect'], slaBreached: true },
  outcome: { memberDays: 3, qCoins: 50 },
  capPerUser30Days: { memberDays: 7, qCoins: 100 },
  ...overrides,
});
const facts = {
  category: 'functional_defect',
  priority: 'P3',
  slaBreached: true,
  incidentLinked: false,
  grantsLast30Days: 0,
};

describe('ruleMatches', () => {
  it('matches when every given condition holds', () => {
    expect(ruleMatches(rule(), facts)).toBe(true);
  });

  it.each([
    ['another category', { category: 'billing' }],
    ['no SLA breach', { slaBreached: false }],
    ['no category yet', { category: null }],
  ])('does not match with %s', (_name, change) => {
    expect(ruleMatches(rule(), { ...facts, ...change })).toBe(false);
  });

  it('honours priorities, incident link, recent grants and the active flag', () => {
    expect(ruleMatches(rule({ conditions: { priorities: ['P1'] } }), facts)).toBe(false);
    expect(ruleMatches(rule({ conditions: { incidentLinked: true } }), facts)).toBe(false);
    expect(
      ruleMatches(rule({ conditions: { maxGrantsLast30Days: 1 } }), {
        ...facts,
        grantsLast30Days: 2,
      }),
    ).toBe(false);
    expect(ruleMatches(rule({ active: false }), facts)).toBe(false);
    expect(ruleMatches(rule({ conditions: {} }), { ...facts, category: 'other' })).toBe(true);
  });
});

describe('cappedOutcome', () => {
  it('gives the full outcome while the cap has room', () => {
    expect(cappedOutcome(rule(), { memberDays: 0, qCoins: 0 })).toEqual({
      memberDays: 3,
      qCoins: 50,
    });
  });

  it('cuts each unit down to what is left of its cap', () => {
    expect(cappedOutcome(rule(), { memberDays: 6, qCoins: 20 })).toEqual({
      memberDays: 1,
      qCoins: 50,
    });
  });

  it('proposes nothing when the cap is used up', () => {
    expect(cappedOutcome(rule(), { memberDays: 7, qCoins: 100 })).toBeNull();
  });

  it('has no limit without a cap', () => {
    expect(
      cappedOutcome(rule({ capPerUser30Days: null }), { memberDays: 99, qCoins: 999 }),
    ).toEqual({
      memberDays: 3,
      qCoins: 50,
    });
  });
});
