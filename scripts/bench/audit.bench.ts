import 'reflect-metadata';
import { migrate } from '@desk/database';
import { DataSource } from 'typeorm';

/**
 * `npm run bench:audit`: what the audit hash chain costs per write. Concurrent clients run small
 * transactions — one row insert — first without, then with an audit append in the same transaction.
 * The difference is the price of serialising appends on the chain head.
 */
const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const url = `${SERVER}/desk_bench_audit`;

const admin = new DataSource({ type: 'postgres', url: `${SERVER}/postgres` });
await admin.initialize();
await admin.query('DROP DATABASE IF EXISTS desk_bench_audit WITH (FORCE)');
await admin.destroy();
await migrate(url);

const db = new DataSource({ type: 'postgres', url, extra: { max: CLIENTS } });
await db.initialize();
await db.query('CREATE TABLE bench_change (id bigserial PRIMARY KEY, payload jsonb NOT NULL)');

async function run(label: string, withAudit: boolean) {
  const latencies: number[] = [];
  const deadline = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        await db.transaction(async (tx) => {
          const payload = JSON.stringify({ client, at: Date.now() });
          const [row] = await tx.query(
            'INSERT INTO bench_change (payload) VALUES ($1) RETURNING id',
            [payload],
          );
          if (withAudit) {
            await tx.query(
              "SELECT audit_append(NULL, 'system', 'bench.changed', 'bench', $1, NULL, $2::jsonb, NULL)",
              [String(row.id), payload],
            );
          }
        });
        latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { label, perSecond: Math.round(latencies.length / SECONDS), p50: at(0.5), p99: at(0.99) };
}

const plain = await run('transaction, no audit', false);
const audited = await run('transaction + audit append', true);
const [{ ok }] = await db.query(
  `SELECT bool_and(hash = audit_row_hash(id, occurred_at, actor_id, actor_kind, action, entity_type, entity_id,
                                         before, after, request_id, prev_hash)) AS ok FROM audit_log`,
);
await db.destroy();

const rows = [plain, audited].map((r) => ({
  case: r.label,
  'tx/s': r.perSecond,
  'p50 ms': r.p50.toFixed(2),
  'p99 ms': r.p99.toFixed(2),
}));
console.table(rows);
const costMs = 1000 / audited.perSecond - 1000 / plain.perSecond;
console.log(
  `${CLIENTS} clients, ${SECONDS}s each: the audit append costs ${(costMs * 1000).toFixed(0)} µs of serial time per write ` +
    `(throughput ${((audited.perSecond / plain.perSecond) * 100).toFixed(0)}% of plain); chain verified: ${ok}`,
);
