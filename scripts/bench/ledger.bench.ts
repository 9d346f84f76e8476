import 'reflect-metadata';
import { AuditLog, SYSTEM } from '@desk/audit';
import { databaseOptions, migrate } from '@desk/database';
import { FinanceService, grantLegs, LedgerGroupCommit, LedgerService } from '@desk/ledger';
import { Transactions } from '@desk/platform';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../libs/ledger/src/ledger.repository.js';

/**
 * `npm run bench:ledger`: grants posted through the ledger service by concurrent clients, each
 * waiting for its own result, with everything a real grant has — an idempotency key, the
 * account locks, entries with balance and version, the zero-sum and period triggers, one audit
 * record per transfer. Concurrent callers are group-committed (LedgerGroupCommit). Ends with the
 * ledger's and the audit chain's verify.
 */
const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const url = `${SERVER}/desk_bench_ledger`;

const admin = new DataSource({ type: 'postgres', url: `${SERVER}/postgres` });
await admin.initialize();
await admin.query('DROP DATABASE IF EXISTS desk_bench_ledger WITH (FORCE)');
await admin.destroy();
await migrate(url);

const db = new DataSource(databaseOptions(url, 8, 'desk-bench-ledger'));
await db.initialize();
const audit = new AuditLog(db);
const ledger = new LedgerService(new LedgerRepository(), audit);
const poster = new LedgerGroupCommit(ledger, new Transactions(db));

const latencies: number[] = [];
let seq = 0;
const deadline = Date.now() + SECONDS * 1000;
const started = Date.now();
await Promise.all(
  Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < deadline) {
      const n = ++seq;
      const key = `bench:${n}`;
      const t0 = process.hrtime.bigint();
      await poster.post(
        {
          idempotencyKey: key,
          kind: 'grant',
          legs: grantLegs({
            platformUserId: String(10_000_000 + (n % USERS)),
            memberDays: BigInt(1 + (n % 7)),
            qCoins: BigInt(n % 3 === 0 ? 50 : 0),
            shardKey: key,
          }),
          reference: { category: 'functional_defect' },
        },
        SYSTEM,
      );
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];

// A replay of every tenth key must give the same transfer back and write nothing.
const before = (await db.query('SELECT count(*)::int AS n FROM ledger_transfers'))[0].n as number;
const replayed = await Promise.all(
  Array.from({ length: 100 }, (_, i) => {
    const n = (i + 1) * 10;
    const key = `bench:${n}`;
    return poster.post(
      {
        idempotencyKey: key,
        kind: 'grant',
        legs: grantLegs({
          platformUserId: String(10_000_000 + (n % USERS)),
          memberDays: BigInt(1 + (n % 7)),
          qCoins: BigInt(n % 3 === 0 ? 50 : 0),
          shardKey: key,
        }),
        reference: { category: 'functional_defect' },
      },
      SYSTEM,
    );
  }),
);
const after = (await db.query('SELECT count(*)::int AS n FROM ledger_transfers'))[0].n as number;

const finance = new FinanceService(db, new Transactions(db), ledger, audit);
const verify = await finance.verify();
const chain = await audit.verify();
await db.destroy();

console.table([
  {
    clients: CLIENTS,
    seconds: elapsed.toFixed(1),
    transfers: latencies.length,
    'transfers/s': Math.round(latencies.length / elapsed),
    'p50 ms': at(0.5).toFixed(1),
    'p99 ms': at(0.99).toFixed(1),
  },
]);
console.log(
  `replays: ${replayed.filter((r) => r.replayed).length}/100 answered from storage, ${after - before} new transfers; ` +
    `ledger verify ok: ${verify.ok} (${verify.transfers} transfers, ${verify.entries} entries); audit chain ok: ${chain.ok} (${chain.checked} records)`,
);
if (!verify.ok || !chain.ok || after !== before) process.exitCode = 1;
