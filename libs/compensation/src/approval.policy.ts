/** Thresholds per unit, inclusive (SPEC): up to `autoApproveUpTo` by policy, up to `singleApprovalUpTo` one approver. */
export interface UnitThresholds {
  autoApproveUpTo: number;
  singleApprovalUpTo: number;
}

export interface ApprovalPolicy {
  member_days: UnitThresholds;
  q_coins: UnitThresholds;
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  member_days: { autoApproveUpTo: 7, singleApprovalUpTo: 30 },
  q_coins: { autoApproveUpTo: 100, singleApprovalUpTo: 1000 },
};

export type Tier = 'auto' | 'single' | 'dual';
const TIERS: Tier[] = ['auto', 'single', 'dual'];

function tierOf(amount: number, t: UnitThresholds): Tier {
  if (amount <= t.autoApproveUpTo) return 'auto';
  if (amount <= t.singleApprovalUpTo) return 'single';
  return 'dual';
}

/** A proposal needs the highest tier any of its units needs. */
export function requiredTier(
  policy: ApprovalPolicy,
  amounts: { memberDays: number; qCoins: number },
): Tier {
  const a = TIERS.indexOf(tierOf(amounts.memberDays, policy.member_days));
  const b = TIERS.indexOf(tierOf(amounts.qCoins, policy.q_coins));
  return TIERS[Math.max(a, b)];
}

export type ApproverCapacity = 'supervisor' | 'finance';

/** What an approver can count as: admin holds every power, so it can count as either. */
export function capacitiesOf(roles: readonly string[]): ApproverCapacity[] {
  const admin = roles.includes('admin');
  return (['supervisor', 'finance'] as const).filter((r) => admin || roles.includes(r));
}

export interface GivenApproval {
  approverId: string;
  roles: readonly string[];
}

/**
 * Whether the approvals given satisfy the tier. Single: one person who is a supervisor or finance.
 * Dual: two different people, one counting as supervisor and the other as finance (one person
 * counts once, whatever roles they hold).
 */
export function isSatisfied(tier: Tier, approvals: readonly GivenApproval[]): boolean {
  if (tier === 'auto') return true;
  const people = new Map<string, ApproverCapacity[]>();
  for (const a of approvals) people.set(a.approverId, capacitiesOf(a.roles));
  const capacities = [...people.values()];
  if (tier === 'single') return capacities.some((c) => c.length > 0);
  // Two distinct people covering supervisor and finance between them.
  return capacities.some(
    (first, i) =>
      first.includes('supervisor') &&
      capacities.some((second, j) => j !== i && second.includes('finance')),
  );
}

export type ApprovalRefusal =
  'self_approval' | 'already_approved' | 'not_an_approver' | 'role_not_needed';

/**
 * Whether this person may add an approval now: never their own proposal (separation of duties
 * binds admins too), never twice, only as supervisor or finance, and — for two-person approval —
 * only when it helps: the first approver may be either, the second must complete the pair (a
 * second supervisor cannot stand in for finance). So a pending proposal never holds two approvals.
 */
export function approvalRefusal(
  tier: Tier,
  proposerId: string | null,
  approvals: readonly GivenApproval[],
  approver: GivenApproval,
): ApprovalRefusal | null {
  if (proposerId !== null && approver.approverId === proposerId) return 'self_approval';
  if (approvals.some((a) => a.approverId === approver.approverId)) return 'already_approved';
  if (capacitiesOf(approver.roles).length === 0) return 'not_an_approver';
  if (tier === 'dual' && approvals.length > 0 && !isSatisfied('dual', [...approvals, approver]))
    return 'role_not_needed';
  return null;
}
