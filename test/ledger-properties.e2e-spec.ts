import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { AuditLog, SYSTEM } from '@desk/audit';
import { databaseOptions } from '@desk/database';
import { Transactions } from '@desk/platform';
import {
  FinanceService,
  grantLegs,
  type Leg,
  LedgerService,
  type PostOutcome,
  type TransferRequest,
} from '@desk/ledger';
import { LedgerRepository } from '../libs/ledger/src/ledger.repository.js';
import { createSandbox, type Sandbox } from './support/test-app.js';

type Single =
  | { kind: 'grant'; user: number; days: number; coins: number; key: number }
  | { kind: 'fund'; incident: number; days: number }
  | { kind: 'spend'; incident: number; user: number; days: number; key: number }
  | { kind: 'reverse'; which: number }
  | { kind: 'retry'; which: number };
type Op = Single | { kind: 'batch'; ops: Single[] };

const single: fc.Arbitrary<Single> = fc.oneof(
  fc.record({
    kind: fc.constant('grant' as const),
    user: fc.integer({ min: 1, max: 4 }),
    days: fc.integer({ min: 0, max: 30 }),
    coins: fc.integer({ min: 0, max: 300 }),
    key: fc.integer({ min: 0, max: 12 }), // a small pool: duplicate keys happen often
  }),
  fc.record({
    kind: fc.constant('fund' as const),
    incident: fc.integer({ min: 1, max: 2 }),
    days: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant('spend' as const),
    incident: fc.integer({ min: 1, max: 2 }),
    user: fc.integer({ min: 1, max: 4 }),
    days: fc.integer({ min: 1, max: 30 }),
    key: fc.integer({ min: 0, max: 12 }),
  }),
  fc.record({ kind: fc.constant('reverse' as const), which: fc.nat() }),
  // A client resending an earlier request word for word, as after a timeout: the common replay.
  fc.record({ kind: fc.constant('retry' as const), which: fc.nat() }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: single },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      ops: fc.array(single, { minLength: 2, maxLength: 6 }),
    }),
  },
);

/**
 * Random sequences of grants, budget funding and spending, reversals, repeated idempotency keys
 * and concurrent postings against the real ledger; after every sequence the model's balances
 * match PostgreSQL's and every invariant of `verify` holds.
 */
describe('ledger invariants under random operations (fast-check)', () => {
  let sandbox: Sandbox;
  let dataSource: DataSource;
  let ledger: LedgerService;
  let finance: FinanceService;
  let audit: AuditLog;
  let run = 0;
  /** Which outcomes the sequences produced: the property must have met each of them. */
  const seen = new Set<string>();

  beforeAll(async () => {
    sandbox = await createSandbox();
    dataSource = new DataSource(databaseOptions(sandbox.config.DATABASE_URL, 8));
    await dataSource.initialize();
    audit = new AuditLog(dataSource);
    ledger = new LedgerService(new LedgerRepository(), audit);
    finance = new FinanceService(dataSource, new Transactions(dataSource), ledger, audit);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await sandbox.drop();
  });

  it('keeps every balance equal to the model and every invariant intact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        run += 1;
        const prefix = `r${run}`;
        const model = new Map<string, bigint>();
        const bodies = new Map<string, string>(); // key → what it was first used for
        const posted: { id: string; legs: Leg[]; reversed: boolean }[] = [];
        const sent: TransferRequest[] = [];
        // One wallet per run and user, never shared with another run (shrinking runs hundreds).
        const wallet = (u: number) => String(100_000 + run * 10 + u);
        const budget = (i: number) => `${prefix}-incident-${i}`;
        const credit = (key: string, amount: bigint) =>
          model.set(key, (model.get(key) ?? 0n) + amount);

        const request = (o: Single): TransferRequest | null => {
          switch (o.kind) {
            case 'grant': {
              if (o.days === 0 && o.coins === 0) return null;
              const key = `${prefix}:grant:${o.key}`;
              return {
                idempotencyKey: key,
                kind: 'grant',
                legs: grantLegs({
                  platformUserId: wallet(o.user),
                  memberDays: BigInt(o.days),
                  qCoins: BigInt(o.coins),
                  shardKey: key,
                }),
              };
            }
            case 'fund':
              return {
                idempotencyKey: `${prefix}:fund:${posted.length}:${o.incident}:${o.days}`,
                kind: 'budget_funding',
                legs: [
                  {
                    account: { kind: 'budget', incidentId: budget(o.incident) },
                    unit: 'member_days',
                    amount: BigInt(o.days),
                  },
                  {
                    account: { kind: 'expense', shard: o.incident },
                    unit: 'member_days',
                    amount: -BigInt(o.days),
                  },
                ],
              };
            case 'spend': {
              const key = `${prefix}:spend:${o.key}`;
              return {
                idempotencyKey: key,
                kind: 'grant',
                legs: grantLegs({
                  platformUserId: wallet(o.user),
                  memberDays: BigInt(o.days),
                  qCoins: 0n,
                  shardKey: key,
                  budgetIncidentId: budget(o.incident),
                }),
              };
            }
            case 'reverse': {
              const open = posted.filter((p) => !p.reversed);
              if (open.length === 0) return null;
              const target = open[o.which % open.length];
              return {
                idempotencyKey: `${prefix}:reverse:${target.id}`,
                kind: 'reversal',
                legs: target.legs.map((l) => ({ ...l, amount: -l.amount })),
                reference: { reversesId: target.id },
              };
            }
            case 'retry':
              return sent.length === 0 ? null : sent[o.which % sent.length];
          }
        };

        const keyOf = (l: Leg) =>
          l.account.kind === 'wallet'
            ? `wallet:${l.account.platformUserId}:${l.unit}`
            : l.account.kind === 'budget'
              ? `budget:${l.account.incidentId}:${l.unit}`
              : `expense:${l.account.shard}:${l.unit}`;

        /** `racedFrom`: the keys known before a concurrent batch, or nothing for a lone posting. */
        const settle = (r: TransferRequest, outcome: PostOutcome, racedFrom?: Set<string>) => {
          sent.push(r);
          seen.add(outcome.ok ? (outcome.posted.replayed ? 'replay' : r.kind) : outcome.error.code);
          const body = JSON.stringify(r.legs.map((l) => [keyOf(l), String(l.amount)]));
          const first = bodies.get(r.idempotencyKey);
          if (!outcome.ok) {
            // A refusal is one of: the key was used for something else, or a wallet/budget would go negative.
            // When the key's first use raced in the same batch, the loser may have been judged on its
            // funds before the winner committed: either refusal is right then.
            if (
              first !== undefined &&
              first !== body &&
              racedFrom &&
              !racedFrom.has(r.idempotencyKey)
            )
              expect([
                'LEDGER_IDEMPOTENCY_KEY_REUSED',
                'LEDGER_INSUFFICIENT_FUNDS',
                'LEDGER_ALREADY_REVERSED',
              ]).toContain(outcome.error.code);
            else if (first !== undefined && first !== body)
              expect(outcome.error.code).toBe('LEDGER_IDEMPOTENCY_KEY_REUSED');
            else
              expect(['LEDGER_INSUFFICIENT_FUNDS', 'LEDGER_ALREADY_REVERSED']).toContain(
                outcome.error.code,
              );
            return;
          }
          expect(first === undefined || first === body).toBe(true);
          if (outcome.posted.replayed) {
            expect(first).toBe(body);
            return;
          }
          expect(first).toBeUndefined();
          bodies.set(r.idempotencyKey, body);
          for (const l of r.legs) credit(keyOf(l), l.amount);
          if (r.reference?.reversesId)
            posted.find((p) => p.id === r.reference!.reversesId)!.reversed = true;
          else posted.push({ id: outcome.posted.transfer.id, legs: r.legs, reversed: false });
        };

        const post = async (r: TransferRequest) =>
          dataSource.transaction(async (tx) => (await ledger.postMany(tx, [r], SYSTEM))[0]);

        for (const o of ops) {
          if (o.kind !== 'batch') {
            const r = request(o);
            if (r) settle(r, await post(r));
            continue;
          }
          // Concurrent postings, each in its own transaction; the model follows the outcomes, and
          // a key used twice in the race is settled as whichever committed first.
          const requests = o.ops.map(request).filter((r): r is TransferRequest => r !== null);
          const known = new Set(bodies.keys());
          const outcomes = await Promise.all(requests.map(post));
          const order = requests.map((r, i) => ({ r, outcome: outcomes[i] }));
          const rank = (x: PostOutcome) => (!x.ok ? 2 : x.posted.replayed ? 1 : 0);
          order.sort((a, b) => rank(a.outcome) - rank(b.outcome));
          for (const { r, outcome } of order) settle(r, outcome, known);
        }

        const mine = (key: string) =>
          key.startsWith(`budget:${prefix}-incident`) ||
          [1, 2, 3, 4].some((u) => key.startsWith(`wallet:${wallet(u)}:`));
        const rows = (
          (await dataSource.query('SELECT key, balance::text FROM ledger_accounts')) as {
            key: string;
            balance: string;
          }[]
        ).filter((r) => mine(r.key));
        for (const key of model.keys())
          if (mine(key)) expect(rows.map((r) => r.key)).toContain(key);
        for (const r of rows) {
          expect(`${r.key}=${BigInt(r.balance)}`).toBe(`${r.key}=${model.get(r.key) ?? 0n}`);
          expect(BigInt(r.balance) >= 0n).toBe(true);
        }
        const report = await finance.verify();
        expect(report.problems).toEqual([]);
      }),
      { numRuns: 30 },
    );
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'LEDGER_IDEMPOTENCY_KEY_REUSED',
        'LEDGER_INSUFFICIENT_FUNDS',
        'budget_funding',
        'grant',
        'replay',
        'reversal',
      ]),
    );
    expect((await audit.verify()).ok).toBe(true);
  });
});
