import type { ChildProcess } from 'node:child_process';
import { eventually, startApi, type TestApp } from '../support/test-app.js';
import { spawnApi, stopGracefully } from '../support/processes.js';

const PORT = 3711;
const PROPOSALS = 40;

/**
 * Approvals while PostgreSQL keeps cutting the API's connections (pg_terminate_backend): clients
 * retry what failed; in the end every grant is posted once, never twice, and everything verifies.
 */
describe('drill: the API’s database connections terminated during approvals', () => {
  let t: TestApp;
  let api: ChildProcess;
  const base = `http://127.0.0.1:${PORT}/api/v1`;

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
    });
    api = await spawnApi(t.config, PORT);
  });
  afterAll(async () => {
    await stopGracefully(api);
    await t.close();
  });

  it('posts every approved grant exactly once and keeps the ledger and audit trail intact', async () => {
    const agent = await t.staffWith(['agent']);
    const approvers = [await t.staffWith(['supervisor']), await t.staffWith(['finance'])];
    const ids: string[] = [];
    for (let i = 0; i < PROPOSALS; i++) {
      const filed = await t.http
        .post('/api/v1/public/complaints')
        .send({
          platformUserId: String(31_000_000 + i),
          contact: 'u@example.cn',
          description: '会员续费扣了两次钱',
        })
        .expect(201);
      const proposal = await t.http
        .post('/api/v1/admin/compensations')
        .set('Authorization', `Bearer ${agent.token}`)
        .send({ complaintId: filed.body.id, memberDays: 20, qCoins: 0, reason: 'Charged twice' })
        .expect(201);
      ids.push(proposal.body.id as string);
    }

    let killing = true;
    let terminated = 0;
    const killer = (async () => {
      while (killing) {
        const rows = await t.db.query(
          "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'desk-api' AND datname = current_database()",
        );
        terminated += rows.length;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();

    const outcomes = { ok: 0, conflict: 0, failedThenRetried: 0 };
    await Promise.all(
      ids.map(async (id, i) => {
        // Both approvers try: one gets it, the other 409 — through every lost connection.
        for (const approver of [approvers[i % 2], approvers[(i + 1) % 2]]) {
          for (let attempt = 0; attempt < 200; attempt++) {
            const res = await fetch(`${base}/admin/compensations/${id}/approve`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${approver.token}`,
                'content-type': 'application/json',
              },
              body: '{}',
            }).catch(() => undefined);
            if (res?.status === 200) outcomes.ok += 1;
            else if (res?.status === 409) outcomes.conflict += 1;
            else {
              outcomes.failedThenRetried += 1;
              await new Promise((r) => setTimeout(r, 50));
              continue;
            }
            break;
          }
        }
      }),
    );
    killing = false;
    await killer;

    const statuses = await eventually(async () => {
      const rows = await t.db.query(
        'SELECT status, count(*)::int AS n FROM compensations GROUP BY status',
      );
      return rows.length === 1 && rows;
    });
    const [transfers] = await t.db.query(
      'SELECT count(*)::int AS n, count(DISTINCT compensation_id)::int AS distinct_ FROM ledger_transfers WHERE compensation_id = ANY($1)',
      [ids],
    );
    const admin = { Authorization: `Bearer ${t.adminToken}` };
    const ledger = await t.http.get('/api/v1/finance/ledger/verify').set(admin);
    const audit = await t.http.get('/api/v1/admin/audit/verify').set(admin);
    console.log(
      `drill pg-terminate: ${terminated} backends terminated; approvals ${outcomes.ok} ok, ${outcomes.conflict} 409, ` +
        `${outcomes.failedThenRetried} failed and retried; ${transfers.n} transfers for ${PROPOSALS} grants; ` +
        `ledger verify ${ledger.body.ok}, audit verify ${audit.body.ok}`,
    );
    expect(terminated).toBeGreaterThan(0);
    expect(statuses).toEqual([{ status: 'fulfilled', n: PROPOSALS }]);
    expect(transfers).toEqual({ n: PROPOSALS, distinct_: PROPOSALS });
    expect(ledger.body.ok).toBe(true);
    expect(audit.body.ok).toBe(true);
  }, 180_000);
});
