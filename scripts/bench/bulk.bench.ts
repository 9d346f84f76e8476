import 'reflect-metadata';
import { AuditLog } from '@desk/audit';
import { databaseOptions, migrate } from '@desk/database';
import { FinanceService, LedgerService } from '@desk/ledger';
import { loadConfig, Outbox, Transactions } from '@desk/platform';
import { DataSource } from 'typeorm';
import { IncidentRepository } from '../../libs/incidents/src/incident.repository.js';
import { PlanRunner } from '../../libs/incidents/src/plan-runner.service.js';
import { LedgerRepository } from '../../libs/ledger/src/ledger.repository.js';

/**
 * `npm run bench:bulk`: an incident plan granted to 100,000 users by the same code the worker runs
 * (PlanRunner.runChunk: INCIDENT_PLAN_LANES lanes side by side, chunks of INCIDENT_PLAN_CHUNK users,
 * each one transaction with its ledger transfers, grant rows, audit record and next-chunk outbox
 * row), timed from approval to the last chunk. Ends with ledger verify and one-grant-per-user checks.
 */
const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const url = `${SERVER}/desk_bench_bulk`;
const config = loadConfig({ ...process.env, DATABASE_URL: url });

const admin = new DataSource({ type: 'postgres', url: `${SERVER}/postgres` });
await admin.initialize();
await admin.query('DROP DATABASE IF EXISTS desk_bench_bulk WITH (FORCE)');
await admin.destroy();
await migrate(url);

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
     FROM generate_series(1, ${USERS}) AS i`,
  [incidentId],
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
// The worker runs each lane's chunks one after another, the lanes side by side: so does this.
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

console.table([
  {
    users: USERS,
    chunk: config.INCIDENT_PLAN_CHUNK,
    lanes: config.INCIDENT_PLAN_LANES,
    chunks,
    seconds: seconds.toFixed(2),
    'grants/s': Math.round(counts.transfers / seconds),
  },
]);
console.log(
  `one grant per user: ${counts.transfers === USERS && counts.users === USERS} (${counts.transfers} transfers, ` +
    `${counts.users} users); ledger verify ok: ${verify.ok}; audit chain ok: ${chain.ok}`,
);
if (!verify.ok || !chain.ok || counts.transfers !== USERS) process.exitCode = 1;
