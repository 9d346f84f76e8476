import {
  approvalRefusal,
  DEFAULT_APPROVAL_POLICY,
  isSatisfied,
  requiredTier,
} from './approval.policy.js';

const policy = DEFAULT_APPROVAL_POLICY; // member days 7 / 30, Q-coins 100 / 1000
const person = (approverId: string, ...roles: string[]) => ({ approverId, roles });

describe('requiredTier', () => {
  it.each([
    [{ memberDays: 7, qCoins: 0 }, 'auto'],
    [{ memberDays: 8, qCoins: 0 }, 'single'],
    [{ memberDays: 30, qCoins: 1000 }, 'single'],
    [{ memberDays: 31, qCoins: 0 }, 'dual'],
    [{ memberDays: 0, qCoins: 1001 }, 'dual'],
    [{ memberDays: 1, qCoins: 101 }, 'single'],
  ])('%j → %s (thresholds inclusive, the highest unit decides)', (amounts, tier) => {
    expect(requiredTier(policy, amounts)).toBe(tier);
  });
});

describe('isSatisfied', () => {
  it('single: one supervisor or finance person', () => {
    expect(isSatisfied('single', [person('a', 'agent')])).toBe(false);
    expect(isSatisfied('single', [person('a', 'finance')])).toBe(true);
    expect(isSatisfied('single', [person('a', 'admin')])).toBe(true);
  });

  it('dual: a supervisor and a finance person, two different people', () => {
    expect(isSatisfied('dual', [person('a', 'supervisor', 'finance')])).toBe(false);
    expect(isSatisfied('dual', [person('a', 'supervisor'), person('b', 'supervisor')])).toBe(false);
    expect(isSatisfied('dual', [person('a', 'supervisor'), person('b', 'finance')])).toBe(true);
    expect(isSatisfied('dual', [person('a', 'admin'), person('b', 'supervisor')])).toBe(true);
    // The same person twice counts once.
    expect(isSatisfied('dual', [person('a', 'supervisor'), person('a', 'finance')])).toBe(false);
  });
});

describe('approvalRefusal', () => {
  it('refuses the proposer, admin included', () => {
    expect(approvalRefusal('single', 'p', [], person('p', 'admin'))).toBe('self_approval');
  });

  it('refuses a second approval by the same person and people who cannot approve', () => {
    expect(
      approvalRefusal(
        'dual',
        'p',
        [person('a', 'supervisor')],
        person('a', 'supervisor', 'finance'),
      ),
    ).toBe('already_approved');
    expect(approvalRefusal('single', 'p', [], person('x', 'agent'))).toBe('not_an_approver');
  });

  it('lets the second of a pair approve only when it completes the pair', () => {
    const first = [person('a', 'supervisor')];
    expect(approvalRefusal('dual', 'p', first, person('b', 'supervisor'))).toBe('role_not_needed');
    expect(approvalRefusal('dual', 'p', first, person('b', 'finance'))).toBeNull();
    expect(
      approvalRefusal('dual', 'p', [person('a', 'admin')], person('b', 'supervisor')),
    ).toBeNull();
    expect(approvalRefusal('dual', 'p', [], person('b', 'finance'))).toBeNull();
  });

  it('lets a proposal made by the system be approved by anyone qualified', () => {
    expect(approvalRefusal('single', null, [], person('s', 'supervisor'))).toBeNull();
  });
});
