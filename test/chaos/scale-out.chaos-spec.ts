import type { ChildProcess } from 'node:child_process';
import { eventually, startApi, type TestApp } from '../support/test-app.js';
import { spawnApi, spawnWorker, stopGracefully } from '../support/processes.js';

const PORTS = [3721, 3722];
const COMPLAINTS = 300;

/** Two API and two worker processes on one PostgreSQL and one Redis, racing for the same work. */
describe('drill: two APIs and two workers at once', () => {
  let t: TestApp;
  const processes: ChildProcess[] = [];
  const url = (i: number, path: string) => `http://127.0.0.1:${PORTS[i % 2]}/api/v1${path}`;

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
    });
    for (const port of PORTS) processes.push(await spawnApi(t.config, port));
    processes.push(spawnWorker(t.config), spawnWorker(t.config));
  });
  afterAll(async () => {
    await Promise.all(processes.map(stopGracefully));
    await t.close();
  });

  it('takes every complaint once, triages it once, and grants once however the work is spread', async () => {
    const post = (i: number, body: unknown, key?: string) =>
      fetch(url(i, '/public/complaints'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
    const complaint = (i: number) => ({
      platformUserId: String(32_000_000 + i),
      contact: 'u@example.cn',
      description: `群消息延迟十几分钟才收到（${i}）`,
    });
    // Half of them are sent to both APIs at once with the same Idempotency-Key (a client retrying
    // against another instance): one complaint each, the same answer from both.
    const responses = await Promise.all(
      Array.from({ length: COMPLAINTS }, async (_, i) => {
        if (i % 2) return [await post(i, complaint(i))];
        return Promise.all([
          post(0, complaint(i), `both-${i}`),
          post(1, complaint(i), `both-${i}`),
        ]);
      }),
    );
    const ids = new Set<string>();
    let mismatched = 0;
    for (const group of responses) {
      const bodies = await Promise.all(group.map((r) => r.json() as Promise<{ id: string }>));
      expect(group.map((r) => r.status)).toEqual(group.map(() => 201));
      if (new Set(bodies.map((b) => b.id)).size !== 1) mismatched += 1;
      ids.add(bodies[0].id);
    }
    expect(mismatched).toBe(0);
    expect(ids.size).toBe(COMPLAINTS);

    await eventually(async () => {
      const [row] = await t.db.query(
        "SELECT count(*)::int AS n FROM complaints WHERE status = 'received'",
      );
      return row.n === 0;
    }, 200);
    const [stored] = await t.db.query('SELECT count(*)::int AS n FROM complaints');
    const [triagedOnce] = await t.db.query(
      `SELECT count(*)::int AS complaints, max(n)::int AS most FROM (
         SELECT entity_id, count(*) AS n FROM audit_log WHERE action = 'complaint.triaged' GROUP BY entity_id) x`,
    );
    const [ticketsOnce] = await t.db.query(
      'SELECT count(*)::int AS n, count(DISTINCT complaint_id)::int AS distinct_ FROM tickets',
    );
    expect(stored.n).toBe(COMPLAINTS);
    expect(triagedOnce).toEqual({ complaints: COMPLAINTS, most: 1 });
    expect(ticketsOnce.n).toBe(ticketsOnce.distinct_);

    // Ten approvals of one proposal, spread over both APIs: exactly one posts it.
    const agent = await t.staffWith(['agent']);
    const approvers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.staffWith([i % 2 ? 'supervisor' : 'finance'])),
    );
    const first = [...ids][0];
    const proposal = await t.http
      .post('/api/v1/admin/compensations')
      .set('Authorization', `Bearer ${agent.token}`)
      .send({ complaintId: first, memberDays: 20, qCoins: 0, reason: 'Late messages for a day' })
      .expect(201);
    const approvals = await Promise.all(
      approvers.map((a, i) =>
        fetch(url(i, `/admin/compensations/${proposal.body.id}/approve`), {
          method: 'POST',
          headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
          body: '{}',
        }).then((r) => r.status),
      ),
    );
    expect(approvals.sort()).toEqual([200, ...Array(9).fill(409)]);
    const [transfers] = await t.db.query(
      'SELECT count(*)::int AS n FROM ledger_transfers WHERE compensation_id = $1',
      [proposal.body.id],
    );
    expect(transfers.n).toBe(1);

    const admin = { Authorization: `Bearer ${t.adminToken}` };
    const ledger = await t.http.get('/api/v1/finance/ledger/verify').set(admin);
    const audit = await t.http.get('/api/v1/admin/audit/verify').set(admin);
    console.log(
      `drill scale-out: ${COMPLAINTS} complaints (${COMPLAINTS / 2} sent to both APIs with one key) → ${stored.n} stored, ` +
        `${triagedOnce.complaints} triaged once each, ${ticketsOnce.n} tickets; 10 approvals on 2 APIs → ${transfers.n} transfer; ` +
        `ledger verify ${ledger.body.ok}, audit verify ${audit.body.ok}`,
    );
    expect(ledger.body.ok).toBe(true);
    expect(audit.body.ok).toBe(true);
  }, 180_000);
});
