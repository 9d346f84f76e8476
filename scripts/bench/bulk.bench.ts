import 'reflect-metadata';
import { AuditLog } from '@desk/audit';
import { databaseOptions } from '@desk/database';
import { FinanceService, LedgerService } from '@desk/ledger';
import { loadConfig, Outbox, Transactions } from '@desk/platform';
import { DataSource } from 'typeorm';
import { IncidentRepository } from '../../libs/incidents/src/incident.repository.js';
import { PlanRunner } from '../../libs/incidents/src/plan-runner.service.js';
import { LedgerRepository } from '../../libs/ledger/src/ledger.repository.js';
import { freshDatabase, isMain } from './common.js';

export interface BulkBenchResult {
  users: number;
  lanes: number;
  chunk: number;
  chunks: number;
  seconds: number;
  perSecond: number;
  oneGrantPerUser: boolean;
  verified: boolean;
  auditIntact: boolean;
}

/**
 * An incident plan granted to every affected user by the code the worker runs
 * (PlanRunner.runChunk: INCIDENT_PLAN_LANES lanes side by side, chunks of INCIDENT_PLAN_CHUNK users,
 * each one transaction with its ledger transfers, grant rows, audit record and next-chunk outbox
 * row), timed from approval to the last chunk. Ends with ledger verify and one-grant-per-user checks.
 */
export async function benchBulk(users = 100_000): Promise<BulkBenchResult> {
  const url = await freshDatabase('desk_bench_bulk');
  const config = loadConfig({ ...process.env, DATABASE_URL: url });
  const db = new DataSource(databaseOptions(url, 4, 'desk-bench-bulk'));
  await db.initialize();
  const [{ id: incidentId }] = (await db.query(
    `INSERT INTO incidents (title, category, status, severity, source)
     VALUES ('消息大面积延迟', 'functional_defect', 'mitigating', 'SEV1', 'manual') RETURNING id`,
  )) as { id: string }[];
  await db.query(
    `INSERT INTO complaints (id, tracking_code, tracking_token_hash, platform_user_id, contact, description,
                             status, category, priority, search_text, incident_id)
     SELECT gen_random_uuid(), 'B' || lpad(i::text, 9, '0'), md5(i::text) || md5(i::text),
            (20000000 + i)::text, 'u@example.cn', '消息延迟', 'triaged', 'functional_defect', 'P3',
            '消息 延迟', $1
       FROM generate_series(1, $2::int) AS i`,
    [incidentId, users],
  );
  await db.query('ANALYZE complaints');
  const [{ id: planId }] = (await db.query(
    `INSERT INTO incident_plans (incident_id, member_days, q_coins, status, proposed_by, approved_by, approved_at)
     VALUES ($1, 7, 100, 'running', gen_random_uuid(), gen_random_uuid(), now()) RETURNING id`,
    [incidentId],
  )) as { id: string }[];

  const audit = new AuditLog(db);
  const ledger = new LedgerService(new LedgerRepository(), audit);
  const transactions = new Transactions(db);
  const runner = new PlanRunner(
    new IncidentRepository(db),
    ledger,
    new Outbox(),
    audit,
    transactions,
    config,
  );

  const started = process.hrtime.bigint();
  let chunks = 0;
  // The worker runs each lane's chunks one after another and the lanes side by side: so does this.
  await Promise.all(
    Array.from({ length: config.INCIDENT_PLAN_LANES }, async (_, lane) => {
      while ((await runner.runChunk(planId, lane)) > 0) chunks += 1;
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const [counts] = (await db.query(
    `SELECT count(*)::int AS transfers, count(DISTINCT platform_user_id)::int AS users
       FROM ledger_transfers WHERE incident_id = $1`,
    [incidentId],
  )) as { transfers: number; users: number }[];
  const verify = await new FinanceService(db, transactions, ledger, audit).verify();
  const chain = await audit.verify();
  await db.destroy();
  return {
    users,
    lanes: config.INCIDENT_PLAN_LANES,
    chunk: config.INCIDENT_PLAN_CHUNK,
    chunks,
    seconds,
    perSecond: Math.round(counts.transfers / seconds),
    oneGrantPerUser: counts.transfers === users && counts.users === users,
    verified: verify.ok,
    auditIntact: chain.ok,
  };
}

if (isMain(import.meta.url)) {
  const r = await benchBulk(Number(process.env.BENCH_USERS ?? 100_000));
  console.table([
    {
      users: r.users,
      lanes: r.lanes,
      chunk: r.chunk,
      chunks: r.chunks,
      seconds: r.seconds.toFixed(2),
      'grants/s': r.perSecond,
    },
  ]);
  console.log(
    `one grant per user: ${r.oneGrantPerUser}; ledger verify ok: ${r.verified}; audit chain ok: ${r.auditIntact}`,
  );
  if (!r.verified || !r.auditIntact || !r.oneGrantPerUser) process.exitCode = 1;
}
