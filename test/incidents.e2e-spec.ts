import type { INestApplicationContext } from '@nestjs/common';
import { eventually, startApi, startWorker, type TestApp } from './support/test-app.js';

const OUTAGE = [
  '服务器是不是崩了，一直连不上，显示网络异常',
  '整个公司的人都登不上去了，服务器宕机了吗',
  '连不上服务器，提示网络错误，换了wifi也不行',
  'Cannot connect at all, servers are down for everyone here',
  '大面积掉线，群里所有人都连不上',
];

interface Incident {
  id: string;
  title: string;
  category: string;
  status: string;
  severity: string;
  complaintCount: number;
  affectedUsers: number;
}

describe('incidents: spike detection, statements, bulk compensation, review', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let supervisor: { id: string; token: string };
  let finance: { id: string; token: string };
  let userSeq = 80000000;
  const bearer = (token = t.adminToken) => ({ Authorization: `Bearer ${token}` });

  const file = (description: string, platformUserId = String(++userSeq)) =>
    t.http
      .post('/api/v1/public/complaints')
      .send({ platformUserId, contact: 'user@example.cn', description, locale: 'zh' })
      .expect(201)
      .then((r) => ({
        ...(r.body as { id: string; trackingCode: string; trackingToken: string }),
        platformUserId,
      }));

  const incidents = async () =>
    (await t.http.get('/api/v1/admin/incidents').set(bearer(supervisor.token)).expect(200)).body
      .items as Incident[];

  const incident = async (id: string) =>
    (await t.http.get(`/api/v1/admin/incidents/${id}`).set(bearer(supervisor.token)).expect(200))
      .body as Incident & { statements: unknown[]; plan: unknown };

  const plan = async (id: string) =>
    (
      await t.http
        .get(`/api/v1/admin/incidents/${id}/compensation-plan`)
        .set(bearer(finance.token))
        .expect(200)
    ).body as { status: string; total: number; done: number; failed: number };

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
    });
    worker = await startWorker(t.config);
    supervisor = await t.staffWith(['supervisor']);
    finance = await t.staffWith(['finance']);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  let outage: Incident;
  const burst: {
    id: string;
    trackingCode: string;
    trackingToken: string;
    platformUserId: string;
  }[] = [];

  it('turns a burst of complaints into exactly one incident with every complaint linked', async () => {
    for (let i = 0; i < 25; i++) burst.push(await file(`${OUTAGE[i % OUTAGE.length]}（${i}）`));
    const opened = await eventually(async () => {
      const list = await incidents();
      return list.length > 0 && list[0].complaintCount >= 25 && list;
    });
    expect(opened).toHaveLength(1);
    outage = opened[0];
    expect(outage).toMatchObject({
      category: 'network_outage',
      status: 'detected',
      complaintCount: 25,
      affectedUsers: 25,
    });
    const notes = await t.http
      .get('/api/v1/admin/notifications')
      .set(bearer(supervisor.token))
      .expect(200);
    expect(notes.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'incident_detected',
          data: expect.objectContaining({ incidentId: outage.id }),
        }),
      ]),
    );
    const [audit] = await t.db.query(
      "SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'incident.detected'",
      [outage.id],
    );
    expect(audit.after).toMatchObject({ category: 'network_outage', count: expect.any(Number) });

    // More of the same while it is open: they join it; no second incident.
    for (let i = 0; i < 5; i++) burst.push(await file(`${OUTAGE[i]}，还是不行（后续${i}）`));
    await eventually(async () => (await incident(outage.id)).complaintCount === 30);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await incidents()).toHaveLength(1);
    const manual = await t.http
      .post('/api/v1/admin/incidents')
      .set(bearer(supervisor.token))
      .send({ title: 'Another outage', category: 'network_outage' })
      .expect(409);
    expect(manual.body.code).toBe('INCIDENT_ALREADY_OPEN');
  });

  it('publishes an apology to the status page at once and to every linked ticket through the worker', async () => {
    const missing = await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/statements`)
      .set(bearer(supervisor.token))
      .send({ kind: 'public_apology', locale: 'zh', templateKey: 'apology' })
      .expect(400);
    expect(missing.body.code).toBe('TEMPLATE_VARIABLES_MISSING');
    const apology = await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/statements`)
      .set(bearer(supervisor.token))
      .send({
        kind: 'public_apology',
        locale: 'zh',
        templateKey: 'apology',
        variables: { cause: '一台网关服务器故障' },
      })
      .expect(201);
    expect(apology.body.body).toContain('约 30 位用户');
    expect(apology.body.body).toContain('一台网关服务器故障');
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/statements`)
      .set(bearer(supervisor.token))
      .send({
        kind: 'internal_notice',
        locale: 'en',
        title: 'Internal: outage',
        body: 'Answer with the apology template; no promises on timing.',
      })
      .expect(201);

    const status = await t.http.get('/api/v1/public/incidents').expect(200);
    const shown = status.body.items.find((i: { id: string }) => i.id === outage.id);
    expect(shown.statements).toEqual([
      expect.objectContaining({ kind: 'public_apology', title: apology.body.title }),
    ]);
    expect(JSON.stringify(status.body)).not.toContain('Internal: outage');
    const page = await t.http.get('/status?lang=zh').expect(200);
    expect(page.text).toContain(apology.body.title);
    expect(page.text).not.toContain('Internal: outage');

    const [{ n }] = await eventually(async () => {
      const rows = await t.db.query(
        "SELECT count(*)::int AS n FROM complaint_messages WHERE dedupe_key LIKE $1 AND visibility = 'public'",
        [`statement:${apology.body.id}:%`],
      );
      return rows[0].n === 30 && rows;
    });
    expect(n).toBe(30);
    const tracking = await t.http
      .get(`/api/v1/public/complaints/${burst[0].trackingCode}`)
      .set('X-Tracking-Token', burst[0].trackingToken)
      .expect(200);
    expect(tracking.body.replies).toEqual([
      expect.objectContaining({
        from: 'agent',
        body: expect.stringContaining('一台网关服务器故障'),
      }),
    ]);
    expect(tracking.body.incident).toMatchObject({
      statements: [expect.objectContaining({ kind: 'public_apology' })],
    });

    await expect(
      t.db.query('UPDATE incident_statements SET body = $1', ['changed']),
    ).rejects.toThrow(/append-only/);
  });

  it('compensates every affected user once through a plan finance approves', async () => {
    const admin = await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan`)
      .set(bearer())
      .send({ memberDays: 7, qCoins: 0 })
      .expect(201);
    expect(admin.body).toMatchObject({ status: 'proposed', total: 30, done: 0 });
    const self = await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan/approve`)
      .set(bearer())
      .expect(403);
    expect(self.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan/approve`)
      .set(bearer(supervisor.token))
      .expect(403);
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan`)
      .set(bearer(supervisor.token))
      .send({ memberDays: 1, qCoins: 0 })
      .expect(409);
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan/approve`)
      .set(bearer(finance.token))
      .expect(200);
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/compensation-plan/approve`)
      .set(bearer(finance.token))
      .expect(409);
    const done = await eventually(async () => {
      const p = await plan(outage.id);
      return p.status === 'completed' && p;
    });
    expect(done).toMatchObject({ total: 30, done: 30, failed: 0 });
    const balance = await t.http
      .get(`/api/v1/finance/accounts/${burst[3].platformUserId}`)
      .set(bearer(finance.token))
      .expect(200);
    expect(balance.body.balances).toEqual({ member_days: 7, q_coins: 0 });
    const tracking = await t.http
      .get(`/api/v1/public/complaints/${burst[3].trackingCode}`)
      .set('X-Tracking-Token', burst[3].trackingToken)
      .expect(200);
    expect(tracking.body.compensations).toEqual([
      { memberDays: 7, qCoins: 0, status: 'fulfilled' },
    ]);

    // A user who complains later, while the incident is open, joins the plan; a repeat
    // complaint of a user already granted gets nothing more.
    const late = await file(`${OUTAGE[1]}（晚到的）`);
    await file(`${OUTAGE[2]}（同一个用户又来了）`, burst[0].platformUserId);
    const after = await eventually(async () => {
      const p = await plan(outage.id);
      return p.status === 'completed' && p.done === 31 && p;
    });
    expect(after).toMatchObject({ total: 31, done: 31 });
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM ledger_transfers WHERE incident_id = $1',
      [outage.id],
    );
    expect(n).toBe(31);
    const lateBalance = await t.http
      .get(`/api/v1/finance/accounts/${late.platformUserId}`)
      .set(bearer(finance.token))
      .expect(200);
    expect(lateBalance.body.balances.member_days).toBe(7);
    const verify = await t.http
      .get('/api/v1/finance/ledger/verify')
      .set(bearer(finance.token))
      .expect(200);
    expect(verify.body.ok).toBe(true);
    const summary = await t.http
      .get('/api/v1/finance/ledger/summary?groupBy=incident')
      .set(bearer(finance.token))
      .expect(200);
    expect(summary.body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: outage.id, memberDays: 217, users: 31 }),
      ]),
    );
  });

  it('pays from a capped budget and counts who it could not pay', async () => {
    const complaints: { id: string }[] = [];
    for (let i = 0; i < 5; i++) complaints.push(await file(`广告弹窗太多了，关都关不掉（${i}）`));
    await eventually(async () => {
      const rows = await t.db.query(
        'SELECT count(*)::int AS n FROM complaints WHERE id = ANY($1) AND category IS NOT NULL',
        [complaints.map((c) => c.id)],
      );
      return rows[0].n === 5;
    });
    const created = await t.http
      .post('/api/v1/admin/incidents')
      .set(bearer(supervisor.token))
      .send({
        title: '开屏广告无法关闭',
        category: 'marketing_abuse',
        severity: 'SEV3',
        complaintIds: complaints.map((c) => c.id),
      })
      .expect(201);
    expect(created.body).toMatchObject({ status: 'confirmed', complaintCount: 5 });
    await t.http
      .post(`/api/v1/admin/incidents/${created.body.id}/compensation-plan`)
      .set(bearer(supervisor.token))
      .send({ memberDays: 0, qCoins: 40, budgetQCoins: 100 })
      .expect(201);
    await t.http
      .post(`/api/v1/admin/incidents/${created.body.id}/compensation-plan/approve`)
      .set(bearer(finance.token))
      .expect(200);
    const done = await eventually(async () => {
      const p = await plan(created.body.id);
      return p.status === 'completed' && p;
    });
    expect(done).toMatchObject({ total: 5, done: 2, failed: 3 });
    const [budget] = await t.db.query('SELECT balance::int FROM ledger_accounts WHERE key = $1', [
      `budget:${created.body.id}:q_coins`,
    ]);
    expect(budget.balance).toBe(20);

    // Unlinking and merging.
    await t.http
      .delete(`/api/v1/admin/incidents/${created.body.id}/complaints/${complaints[4].id}`)
      .set(bearer(supervisor.token))
      .expect(200);
    await t.http
      .delete(`/api/v1/admin/incidents/${created.body.id}/complaints/${complaints[4].id}`)
      .set(bearer(supervisor.token))
      .expect(404);
    expect((await incident(created.body.id)).complaintCount).toBe(4);
    const merge = await t.http
      .post(`/api/v1/admin/incidents/${created.body.id}/merge`)
      .set(bearer(supervisor.token))
      .send({ intoId: outage.id })
      .expect(409);
    expect(merge.body.code).toBe('INCIDENT_MERGE_NOT_ALLOWED');
  });

  it('merges a duplicate incident into the real one', async () => {
    const privacy = await t.http
      .post('/api/v1/admin/incidents')
      .set(bearer(supervisor.token))
      .send({ title: '手机号泄露', category: 'privacy_leak' })
      .expect(201);
    const other = await t.http
      .post('/api/v1/admin/incidents')
      .set(bearer(supervisor.token))
      .send({ title: '界面改版', category: 'ux_design' })
      .expect(201);
    const one = await file('我的手机号被泄露给陌生人了，天天接到骚扰电话');
    await t.http
      .post(`/api/v1/admin/incidents/${privacy.body.id}/complaints`)
      .set(bearer(supervisor.token))
      .send({ complaintIds: [one.id] })
      .expect(200);
    const merged = await t.http
      .post(`/api/v1/admin/incidents/${privacy.body.id}/merge`)
      .set(bearer(supervisor.token))
      .send({ intoId: other.body.id })
      .expect(200);
    expect(merged.body).toMatchObject({ id: other.body.id, complaintCount: 1 });
    expect(await incident(privacy.body.id)).toMatchObject({
      status: 'dismissed',
      mergedIntoId: other.body.id,
    });
    await t.http
      .post(`/api/v1/admin/incidents/${other.body.id}/complaints`)
      .set(bearer(supervisor.token))
      .send({ complaintIds: ['00000000-0000-4000-8000-000000000000'] })
      .expect(400);
  });

  it('walks the lifecycle to a review exported as Markdown', async () => {
    const bad = await t.http
      .patch(`/api/v1/admin/incidents/${outage.id}`)
      .set(bearer(supervisor.token))
      .send({ status: 'reviewed' })
      .expect(409);
    expect(bad.body.code).toBe('INCIDENT_TRANSITION_NOT_ALLOWED');
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/review`)
      .set(bearer(supervisor.token))
      .send({ cause: 'x y z', actions: 'a b c', lessons: 'l m n' })
      .expect(409);
    for (const status of ['confirmed', 'mitigating', 'resolved'])
      await t.http
        .patch(`/api/v1/admin/incidents/${outage.id}`)
        .set(bearer(supervisor.token))
        .send({ status })
        .expect(200);
    await t.http
      .patch(`/api/v1/admin/incidents/${outage.id}`)
      .set(bearer(supervisor.token))
      .send({ status: 'confirmed' })
      .expect(409);
    await t.http
      .patch(`/api/v1/admin/incidents/${outage.id}`)
      .set(bearer(supervisor.token))
      .send({ status: 'dismissed' })
      .expect(409);
    await t.http
      .get(`/api/v1/admin/incidents/${outage.id}/review.md`)
      .set(bearer(supervisor.token))
      .expect(404);
    await t.http
      .post(`/api/v1/admin/incidents/${outage.id}/review`)
      .set(bearer(supervisor.token))
      .send({
        cause: 'A gateway lost its certificate at 03:00',
        actions: 'Certificate expiry alerts; a second gateway',
        lessons: 'Complaints told us before monitoring did',
      })
      .expect(201);
    expect((await incident(outage.id)).status).toBe('reviewed');
    const md = await t.http
      .get(`/api/v1/admin/incidents/${outage.id}/review.md`)
      .set(bearer(finance.token))
      .expect(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    for (const expected of [
      '# Post-incident review:',
      'First complaint of the incident filed',
      'Spike detected by the desk',
      'Statement published (public_apology, zh)',
      'Compensation plan approved by finance',
      'Compensation plan completed: 31 of 31 users granted',
      'Status: resolved',
      '## Cause',
      'A gateway lost its certificate at 03:00',
    ])
      expect(md.text).toContain(expected);
    // The resolved incident stays on the status page for a while.
    const status = await t.http.get('/api/v1/public/incidents').expect(200);
    expect(status.body.items.map((i: { id: string }) => i.id)).toContain(outage.id);
  });
});
