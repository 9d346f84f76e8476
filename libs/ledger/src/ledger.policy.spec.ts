import {
  accountKey,
  type AccountState,
  applyLegs,
  expenseShard,
  grantLegs,
  parseAccountKey,
  periodOf,
  requestHash,
  reversalLegs,
  transferProblems,
} from './ledger.policy.js';

const grant = (memberDays: bigint, qCoins: bigint) =>
  grantLegs({ platformUserId: '10086', memberDays, qCoins, shardKey: 'k1' });

describe('grantLegs', () => {
  it('moves each positive unit from an expense shard to the wallet, summing to zero per unit', () => {
    const legs = grant(3n, 50n);
    expect(legs.map((l) => [accountKey(l.account, l.unit), l.amount])).toEqual([
      ['wallet:10086:member_days', 3n],
      [`expense:${expenseShard('k1')}:member_days`, -3n],
      ['wallet:10086:q_coins', 50n],
      [`expense:${expenseShard('k1')}:q_coins`, -50n],
    ]);
    expect(transferProblems({ idempotencyKey: 'k1', kind: 'grant', legs })).toEqual([]);
  });

  it('leaves out a unit granted zero, and pays from a budget when given one', () => {
    const legs = grantLegs({
      platformUserId: '10086',
      memberDays: 0n,
      qCoins: 5n,
      shardKey: 'k',
      budgetIncidentId: 'inc',
    });
    expect(legs.map((l) => accountKey(l.account, l.unit))).toEqual([
      'wallet:10086:q_coins',
      'budget:inc:q_coins',
    ]);
  });
});

describe('transferProblems', () => {
  it('refuses unbalanced, empty, zero and duplicate legs', () => {
    const wallet = { kind: 'wallet', platformUserId: '1' } as const;
    const shard = { kind: 'expense', shard: 0 } as const;
    expect(transferProblems({ idempotencyKey: 'x', kind: 'grant', legs: [] })).toContain(
      'a transfer needs at least two legs',
    );
    expect(
      transferProblems({
        idempotencyKey: 'x',
        kind: 'grant',
        legs: [
          { account: wallet, unit: 'q_coins', amount: 5n },
          { account: shard, unit: 'q_coins', amount: -4n },
        ],
      }),
    ).toEqual(['q_coins legs sum to 1, not zero']);
    expect(
      transferProblems({
        idempotencyKey: 'x',
        kind: 'grant',
        legs: [
          { account: wallet, unit: 'q_coins', amount: 0n },
          { account: wallet, unit: 'q_coins', amount: 0n },
        ],
      }),
    ).toEqual(expect.arrayContaining(['a leg cannot move zero', 'an account appears twice']));
  });
});

describe('applyLegs', () => {
  const states = () =>
    new Map<string, AccountState>([
      ['wallet:10086:member_days', { balance: 0n, version: 0n, allowNegative: false }],
      ['wallet:10086:q_coins', { balance: 10n, version: 4n, allowNegative: false }],
      [
        `expense:${expenseShard('k1')}:member_days`,
        { balance: -100n, version: 9n, allowNegative: true },
      ],
      [`expense:${expenseShard('k1')}:q_coins`, { balance: 0n, version: 0n, allowNegative: true }],
    ]);

  it('records balance after and the next version of each account', () => {
    const accounts = states();
    const result = applyLegs(grant(3n, 50n), accounts);
    expect('entries' in result && result.entries.map((e) => [e.balanceAfter, e.version])).toEqual([
      [3n, 1n],
      [-103n, 10n],
      [60n, 5n],
      [-50n, 1n],
    ]);
    expect(accounts.get('wallet:10086:q_coins')).toEqual({
      balance: 60n,
      version: 5n,
      allowNegative: false,
    });
  });

  it('refuses to overdraw a wallet and then changes nothing', () => {
    const accounts = states();
    const before = [...accounts.entries()];
    const result = applyLegs(reversalLegs(grant(1n, 11n)), accounts);
    expect(result).toEqual({ overdrawn: 'wallet:10086:member_days' });
    expect([...accounts.entries()]).toEqual(before);
  });
});

describe('identity of requests', () => {
  it('hashes the same request alike whatever the order of legs, and another request otherwise', () => {
    const legs = grant(3n, 50n);
    const a = requestHash({
      idempotencyKey: 'k1',
      kind: 'grant',
      legs,
      reference: { compensationId: 'c' },
    });
    const b = requestHash({
      idempotencyKey: 'k1',
      kind: 'grant',
      legs: [...legs].reverse(),
      reference: { compensationId: 'c' },
    });
    const c = requestHash({
      idempotencyKey: 'k1',
      kind: 'grant',
      legs: grant(3n, 51n),
      reference: { compensationId: 'c' },
    });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('spreads keys over shards and parses account keys back', () => {
    const shards = new Set(Array.from({ length: 200 }, (_, i) => expenseShard(`key-${i}`)));
    expect(shards.size).toBe(16);
    expect(parseAccountKey('budget:abc:q_coins')).toEqual({
      account: { kind: 'budget', incidentId: 'abc' },
      unit: 'q_coins',
    });
    expect(periodOf(new Date('2026-11-30T23:59:59Z'))).toBe('202611');
  });
});
