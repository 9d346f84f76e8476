import 'reflect-metadata';
import { AuditLog, SYSTEM } from '@desk/audit';
import { databaseOptions } from '@desk/database';
import {
  FinanceService,
  grantLegs,
  LedgerGroupCommit,
  LedgerService,
  type TransferRequest,
} from '@desk/ledger';
import { Transactions } from '@desk/platform';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../libs/ledger/src/ledger.repository.js';
import { freshDatabase, isMain, quantile } from './common.js';

export interface LedgerBenchResult {
  clients: number;
  seconds: number;
  transfers: number;
  perSecond: number;
  p50: number;
  p99: number;
  replaysAnswered: number;
  replaysWroteNothing: boolean;
  verified: boolean;
  auditIntact: boolean;
}

const grant = (n: number, users: number): TransferRequest => {
  const key = `bench:${n}`;
  return {
    idempotencyKey: key,
    kind: 'grant',
    legs: grantLegs({
      platformUserId: String(10_000_000 + (n % users)),
      memberDays: BigInt(1 + (n % 7)),
      qCoins: BigInt(n % 3 === 0 ? 50 : 0),
      shardKey: key,
    }),
    reference: { category: 'functional_defect' },
  };
};

/**
 * Grants posted through the ledger service by concurrent clients, each waiting for its own
 * result, with everything a real grant has — an idempotency key, the account locks, entries with
 * balance and version, the zero-sum and period triggers, one audit record per transfer.
 * Concurrent callers are group-committed (LedgerGroupCommit). Ends with the ledger's and the audit
 * chain's verify, and replays of earlier keys that must write nothing.
 */
export async function benchLedger(
  options: { clients?: number; seconds?: number; users?: number } = {},
): Promise<LedgerBenchResult> {
  const clients = options.clients ?? 20;
  const seconds = options.seconds ?? 10;
  const users = options.users ?? 100_000;
  const db = new DataSource(
    databaseOptions(await freshDatabase('desk_bench_ledger'), 8, 'desk-bench-ledger'),
  );
  await db.initialize();
  const audit = new AuditLog(db);
  const ledger = new LedgerService(new LedgerRepository(), audit);
  const poster = new LedgerGroupCommit(ledger, new Transactions(db));

  const latencies: number[] = [];
  let seq = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const n = ++seq;
        const t0 = process.hrtime.bigint();
        await poster.post(grant(n, users), SYSTEM);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const count = async () =>
    ((await db.query('SELECT count(*)::int AS n FROM ledger_transfers')) as { n: number }[])[0].n;
  const before = await count();
  const replayed = await Promise.all(
    Array.from({ length: 100 }, (_, i) => poster.post(grant((i + 1) * 10, users), SYSTEM)),
  );
  const after = await count();
  const verify = await new FinanceService(db, new Transactions(db), ledger, audit).verify();
  const chain = await audit.verify();
  await db.destroy();
  return {
    clients,
    seconds: elapsed,
    transfers: latencies.length,
    perSecond: Math.round(latencies.length / elapsed),
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    replaysAnswered: replayed.filter((r) => r.replayed).length,
    replaysWroteNothing: after === before,
    verified: verify.ok,
    auditIntact: chain.ok,
  };
}

if (isMain(import.meta.url)) {
  const r = await benchLedger({
    clients: Number(process.env.BENCH_CLIENTS ?? 20),
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    users: Number(process.env.BENCH_USERS ?? 100_000),
  });
  console.table([
    {
      clients: r.clients,
      seconds: r.seconds.toFixed(1),
      transfers: r.transfers,
      'transfers/s': r.perSecond,
      'p50 ms': r.p50.toFixed(1),
      'p99 ms': r.p99.toFixed(1),
    },
  ]);
  console.log(
    `replays: ${r.replaysAnswered}/100 answered from storage, wrote nothing: ${r.replaysWroteNothing}; ` +
      `ledger verify ok: ${r.verified}; audit chain ok: ${r.auditIntact}`,
  );
  if (!r.verified || !r.auditIntact || !r.replaysWroteNothing) process.exitCode = 1;
}
