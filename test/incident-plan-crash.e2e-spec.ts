import type { ChildProcess } from 'node:child_process';
import { eventually, startApi, type TestApp } from './support/test-app.js';
import { killHard, spawnWorker, stopGracefully } from './support/processes.js';

const USERS = 10_000;

/**
 * A plan for 10,000 users, its worker killed with SIGKILL in the middle of the run: the next
 * worker completes it with exactly one grant per user, and the ledger verifies.
 */
describe('an incident plan survives its worker being killed mid-run', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;
  const bearer = (token = t.adminToken) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await startApi({ INCIDENT_PLAN_CHUNK: '500', SLA_SWEEP_INTERVAL_SECONDS: '1' });
  });
  afterAll(async () => {
    if (worker) await stopGracefully(worker);
    await t.close();
  });

  it('completes with one grant per user after a kill -9', async () => {
    const supervisor = await t.staffWith(['supervisor']);
    const finance = await t.staffWith(['finance']);
    const incident = await t.http
      .post('/api/v1/admin/incidents')
      .set(bearer(supervisor.token))
      .send({ title: '消息大面积延迟', category: 'functional_defect', severity: 'SEV1' })
      .expect(201);
    // Ten thousand affected users, one complaint each, linked to the incident.
    await t.db.query(
      `INSERT INTO complaints (id, tracking_code, tracking_token_hash, platform_user_id, contact, description,
                               status, category, priority, search_text, incident_id)
       SELECT gen_random_uuid(), 'K' || lpad(i::text, 9, '0'), md5(i::text) || md5(i::text),
              (50000000 + i)::text, 'u@example.cn', '消息延迟', 'triaged', 'functional_defect', 'P3',
              '消息 延迟', $1
         FROM generate_series(1, ${USERS}) AS i`,
      [incident.body.id],
    );
    await t.http
      .post(`/api/v1/admin/incidents/${incident.body.id}/compensation-plan`)
      .set(bearer(supervisor.token))
      .send({ memberDays: 3, qCoins: 30 })
      .expect(201);
    await t.http
      .post(`/api/v1/admin/incidents/${incident.body.id}/compensation-plan/approve`)
      .set(bearer(finance.token))
      .expect(200);
    const progress = async () =>
      (
        await t.http
          .get(`/api/v1/admin/incidents/${incident.body.id}/compensation-plan`)
          .set(bearer(finance.token))
          .expect(200)
      ).body as { status: string; total: number; done: number; failed: number };

    worker = spawnWorker(t.config);
    const atKill = await eventually(async () => {
      const p = await progress();
      return p.done > 0 && p;
    }, 10);
    await killHard(worker);
    worker = undefined;
    expect(atKill.done).toBeLessThan(USERS);
    const afterKill = await progress();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await progress()).done).toBe(afterKill.done); // nobody is working on it

    worker = spawnWorker(t.config);
    const done = await eventually(async () => {
      const p = await progress();
      return p.status === 'completed' && p;
    }, 200);
    expect(done).toMatchObject({ total: USERS, done: USERS, failed: 0 });

    const [counts] = await t.db.query(
      `SELECT count(*)::int AS transfers, count(DISTINCT platform_user_id)::int AS users
         FROM ledger_transfers WHERE incident_id = $1 AND kind = 'grant'`,
      [incident.body.id],
    );
    expect(counts).toEqual({ transfers: USERS, users: USERS });
    const [grants] = await t.db.query(
      "SELECT count(*)::int AS n FROM incident_plan_grants WHERE status = 'granted'",
    );
    expect(grants.n).toBe(USERS);
    const [wallets] = await t.db.query(
      `SELECT count(*)::int AS n, min(balance)::int AS lo, max(balance)::int AS hi
         FROM ledger_accounts WHERE key LIKE 'wallet:5%:member_days'`,
    );
    expect(wallets).toEqual({ n: USERS, lo: 3, hi: 3 });
    const verify = await t.http
      .get('/api/v1/finance/ledger/verify')
      .set(bearer(finance.token))
      .expect(200);
    expect(verify.body).toMatchObject({ ok: true, problems: [] });
    const audit = await t.http
      .get('/api/v1/admin/audit/verify')
      .set(bearer(finance.token))
      .expect(200);
    expect(audit.body.ok).toBe(true);
  }, 120_000);
});
