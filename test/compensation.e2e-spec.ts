import type { INestApplicationContext } from '@nestjs/common';
import { eventually, startApi, startWorker, type TestApp } from './support/test-app.js';

interface Compensation {
  id: string;
  status: string;
  memberDays: number;
  qCoins: number;
  requiredTier: string;
  policyVersion: number;
  transferId: number | null;
  ruleId: string | null;
  ruleVersion: number | null;
  approvals: { approverId: string }[];
}

const OTHER = '建议增加一个消息定时发送的功能，工作上很需要，谢谢你们';

describe('compensation: rules, maker-checker approvals, ledger, finance', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let userSeq = 60000000;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let supervisor2: { id: string; token: string };
  let finance: { id: string; token: string };
  const bearer = (token = t.adminToken) => ({ Authorization: `Bearer ${token}` });

  async function file(text = OTHER) {
    const filed = await t.http
      .post('/api/v1/public/complaints')
      .send({
        platformUserId: String(++userSeq),
        contact: 'user@example.cn',
        description: text,
        locale: 'zh',
      })
      .expect(201);
    const detail = await eventually(async () => {
      const res = await t.http.get(`/api/v1/admin/complaints/${filed.body.id}`).set(bearer());
      return res.body.ticket && res.body;
    });
    return {
      ...(filed.body as { id: string; trackingCode: string; trackingToken: string }),
      platformUserId: String(userSeq),
      ticketId: detail.ticket.id as string,
    };
  }

  const propose = (complaintId: string, memberDays: number, qCoins: number, token = agent.token) =>
    t.http
      .post('/api/v1/admin/compensations')
      .set(bearer(token))
      .send({ complaintId, memberDays, qCoins, reason: 'Messages were late for hours' });

  const approve = (id: string, token: string) =>
    t.http.post(`/api/v1/admin/compensations/${id}/approve`).set(bearer(token)).send({});

  const balances = async (platformUserId: string) =>
    (
      await t.http
        .get(`/api/v1/finance/accounts/${platformUserId}`)
        .set(bearer(finance.token))
        .expect(200)
    ).body.balances as { member_days: number; q_coins: number };

  const verify = async () =>
    (await t.http.get('/api/v1/finance/ledger/verify').set(bearer(finance.token)).expect(200)).body;

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
    });
    worker = await startWorker(t.config);
    agent = await t.staffWith(['agent'], ['general']);
    supervisor = await t.staffWith(['supervisor', 'agent']);
    supervisor2 = await t.staffWith(['supervisor']);
    finance = await t.staffWith(['finance']);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('starts with the default approval policy and no rules', async () => {
    const policy = await t.http
      .get('/api/v1/admin/approval-policy')
      .set(bearer(agent.token))
      .expect(200);
    expect(policy.body).toMatchObject({
      version: 1,
      member_days: { autoApproveUpTo: 7, singleApprovalUpTo: 30 },
      q_coins: { autoApproveUpTo: 100, singleApprovalUpTo: 1000 },
    });
    const rules = await t.http
      .get('/api/v1/admin/compensation/rules')
      .set(bearer(agent.token))
      .expect(200);
    expect(rules.body).toEqual({ items: [], total: 0 });
  });

  it('walks complaint → rule proposal → self-approval refused → approval → ledger → fulfilment → export', async () => {
    const rule = await t.http
      .post('/api/v1/admin/compensation/rules')
      .set(bearer(supervisor.token))
      .send({
        name: 'Suggestions get a thank-you',
        active: true,
        conditions: { categories: ['other'] },
        outcome: { memberDays: 10, qCoins: 0 },
        capPerUser30Days: { memberDays: 15, qCoins: 0 },
      })
      .expect(201);
    expect(rule.body).toMatchObject({ version: 1, outcome: { memberDays: 10, qCoins: 0 } });
    const edited = await t.http
      .put(`/api/v1/admin/compensation/rules/${rule.body.id}`)
      .set(bearer(supervisor.token))
      .send({
        name: 'Suggestions get a thank-you',
        active: true,
        conditions: { categories: ['other'] },
        outcome: { memberDays: 12, qCoins: 0 },
        capPerUser30Days: { memberDays: 15, qCoins: 0 },
      })
      .expect(200);
    expect(edited.body.version).toBe(2);

    const complaint = await file();
    const preview = await t.http
      .post('/api/v1/admin/compensation/rules/preview')
      .set(bearer(agent.token))
      .send({ complaintId: complaint.id })
      .expect(200);
    expect(preview.body.rules).toEqual([
      expect.objectContaining({
        ruleId: rule.body.id,
        version: 2,
        matches: true,
        proposal: { memberDays: 12, qCoins: 0 },
      }),
    ]);
    expect(await t.db.query('SELECT id FROM compensations')).toEqual([]);

    // Resolving the ticket lets the rules speak.
    await t.http
      .post(`/api/v1/admin/tickets/${complaint.ticketId}/claim`)
      .set(bearer(agent.token))
      .expect(200);
    for (const status of ['in_progress', 'resolved'])
      await t.http
        .post(`/api/v1/admin/tickets/${complaint.ticketId}/transition`)
        .set(bearer(agent.token))
        .send({ status })
        .expect(200);
    const proposal = await eventually(async () => {
      const list = await t.http
        .get(`/api/v1/admin/compensations?complaintId=${complaint.id}`)
        .set(bearer(agent.token))
        .expect(200);
      return list.body.items[0] as Compensation | undefined;
    });
    expect(proposal).toMatchObject({
      status: 'pending',
      memberDays: 12,
      requiredTier: 'single',
      ruleId: rule.body.id,
      ruleVersion: 2,
      policyVersion: 1,
    });

    // A manual proposal by the supervisor: they may not approve it themselves.
    const own = (await propose(complaint.id, 0, 500, supervisor.token).expect(201))
      .body as Compensation;
    const self = await approve(own.id, supervisor.token).expect(403);
    expect(self.body.code).toBe('SELF_APPROVAL_FORBIDDEN');
    const byAgent = await approve(proposal.id, agent.token).expect(403);
    expect(byAgent.body.code).toBe('FORBIDDEN');

    const approved = (await approve(proposal.id, supervisor2.token).expect(200))
      .body as Compensation;
    expect(approved).toMatchObject({
      status: 'fulfilled',
      approvals: [{ approverId: supervisor2.id }],
    });
    expect(approved.transferId).not.toBeNull();
    expect(await balances(complaint.platformUserId)).toEqual({ member_days: 12, q_coins: 0 });
    await approve(proposal.id, finance.token).expect(409);

    const [transfer] = await t.db.query(
      'SELECT rule_id, rule_version, compensation_id FROM ledger_transfers WHERE id = $1',
      [approved.transferId],
    );
    expect(transfer).toEqual({
      rule_id: rule.body.id,
      rule_version: 2,
      compensation_id: proposal.id,
    });
    const audit = await t.db.query(
      "SELECT action, after->>'policyVersion' AS policy FROM audit_log WHERE entity_id = $1 ORDER BY id",
      [proposal.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'compensation.proposed',
      'compensation.approved',
      'compensation.posted',
    ]);
    expect(audit.every((a: { policy: string }) => a.policy === '1')).toBe(true);

    // The user sees what was granted; the pending manual proposal is not shown.
    const tracking = await t.http
      .get(`/api/v1/public/complaints/${complaint.trackingCode}`)
      .set('X-Tracking-Token', complaint.trackingToken)
      .expect(200);
    expect(tracking.body.compensations).toEqual([
      { memberDays: 12, qCoins: 0, status: 'fulfilled' },
    ]);

    const csv = await t.http
      .get('/api/v1/finance/ledger/export.csv')
      .set(bearer(finance.token))
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFFentry_id,transfer_id,')).toBe(true);
    const rows = csv.text.trim().split('\r\n').slice(1);
    expect(
      rows.some((r) =>
        r.includes(`wallet:${complaint.platformUserId}:member_days,member_days,12,12`),
      ),
    ).toBe(true);
    expect((await verify()).ok).toBe(true);

    // The cap: this rule has 3 member days left for the user within 30 days.
    const second = await file(`${OTHER}，再提一个建议`);
    expect(second.platformUserId).not.toBe(complaint.platformUserId);
    const capped = await t.http
      .post('/api/v1/admin/compensations')
      .set(bearer(agent.token))
      .send({
        complaintId: complaint.id,
        memberDays: 4,
        qCoins: 0,
        reason: 'again',
        ruleId: rule.body.id,
      })
      .expect(409);
    expect(capped.body.code).toBe('COMPENSATION_CAP_EXCEEDED');
  });

  it('needs a supervisor and a finance person above the single-approval threshold', async () => {
    const complaint = await file(`${OTHER}，第三条`);
    const big = (await propose(complaint.id, 60, 0).expect(201)).body as Compensation;
    expect(big).toMatchObject({ status: 'pending', requiredTier: 'dual' });
    expect((await approve(big.id, supervisor.token).expect(200)).body.status).toBe('pending');
    const sameRole = await approve(big.id, supervisor2.token).expect(409);
    expect(sameRole.body.code).toBe('APPROVAL_ROLE_NOT_NEEDED');
    const again = await approve(big.id, supervisor.token).expect(409);
    expect(again.body.code).toBe('ALREADY_APPROVED');
    const done = (await approve(big.id, finance.token).expect(200)).body as Compensation;
    expect(done.status).toBe('fulfilled');
    expect(done.approvals.map((a) => a.approverId)).toEqual([supervisor.id, finance.id]);
    expect(await balances(complaint.platformUserId)).toEqual({ member_days: 60, q_coins: 0 });
  });

  it('approves small amounts by policy at once, and refuses bad proposals with 4xx', async () => {
    const complaint = await file(`${OTHER}，第四条`);
    const small = (await propose(complaint.id, 3, 50).expect(201)).body as Compensation;
    expect(small).toMatchObject({ status: 'fulfilled', requiredTier: 'auto' });
    expect(await balances(complaint.platformUserId)).toEqual({ member_days: 3, q_coins: 50 });

    const before = await t.db.query('SELECT count(*)::int AS n FROM compensations');
    const zero = await propose(complaint.id, 0, 0).expect(400);
    expect(zero.body.code).toBe('NOTHING_TO_GRANT');
    for (const body of [
      { complaintId: complaint.id, memberDays: -1, qCoins: 0, reason: 'x y z' },
      { complaintId: complaint.id, memberDays: 1.5, qCoins: 0, reason: 'x y z' },
      { complaintId: complaint.id, memberDays: '3', qCoins: 0, reason: 'x y z' },
      { complaintId: complaint.id, memberDays: 3, qCoins: 0 },
      { complaintId: complaint.id, memberDays: 3, qCoins: 0, reason: 'x y z', extra: true },
      { complaintId: 'nope', memberDays: 3, qCoins: 0, reason: 'x y z' },
    ]) {
      await t.http
        .post('/api/v1/admin/compensations')
        .set(bearer(agent.token))
        .send(body)
        .expect(400);
    }
    await propose('00000000-0000-4000-8000-000000000000', 3, 0).expect(400);
    expect(await t.db.query('SELECT count(*)::int AS n FROM compensations')).toEqual(before);
  });

  it('lets exactly one of ten parallel approvals through; the others get 409', async () => {
    const complaint = await file(`${OTHER}，第五条`);
    const proposal = (await propose(complaint.id, 20, 0).expect(201)).body as Compensation;
    const approvers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.staffWith([i % 2 ? 'supervisor' : 'finance'])),
    );
    const results = await Promise.all(approvers.map((a) => approve(proposal.id, a.token)));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM ledger_transfers WHERE compensation_id = $1',
      [proposal.id],
    );
    expect(n).toBe(1);
    const approvals = await t.db.query(
      'SELECT count(*)::int AS n FROM compensation_approvals WHERE compensation_id = $1',
      [proposal.id],
    );
    expect(approvals).toEqual([{ n: 1 }]);
  });

  it('rejects with a reason only, and expires what nobody decided', async () => {
    const complaint = await file(`${OTHER}，第六条`);
    const proposal = (await propose(complaint.id, 15, 0).expect(201)).body as Compensation;
    await t.http
      .post(`/api/v1/admin/compensations/${proposal.id}/reject`)
      .set(bearer(finance.token))
      .send({})
      .expect(400);
    const rejected = await t.http
      .post(`/api/v1/admin/compensations/${proposal.id}/reject`)
      .set(bearer(finance.token))
      .send({ reason: 'Compensated already for the same problem' })
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    const late = await approve(proposal.id, supervisor2.token).expect(409);
    expect(late.body.code).toBe('COMPENSATION_NOT_PENDING');

    const stale = (await propose(complaint.id, 16, 0).expect(201)).body as Compensation;
    await t.db.query(
      "UPDATE compensations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [stale.id],
    );
    const expired = await eventually(async () => {
      const res = await t.http
        .get(`/api/v1/admin/compensations/${stale.id}`)
        .set(bearer(agent.token))
        .expect(200);
      return res.body.status === 'expired' && res.body;
    });
    expect(expired.status).toBe('expired');
  });

  it('versions the approval policy; proposals are judged by the version in force', async () => {
    const bad = await t.http
      .put('/api/v1/admin/approval-policy')
      .set(bearer(supervisor.token))
      .send({
        member_days: { autoApproveUpTo: 10, singleApprovalUpTo: 5 },
        q_coins: { autoApproveUpTo: 1, singleApprovalUpTo: 2 },
      })
      .expect(400);
    expect(bad.body.code).toBe('INVALID_APPROVAL_POLICY');
    await t.http.put('/api/v1/admin/approval-policy').set(bearer(agent.token)).send({}).expect(403);
    const v2 = await t.http
      .put('/api/v1/admin/approval-policy')
      .set(bearer(supervisor.token))
      .send({
        member_days: { autoApproveUpTo: 0, singleApprovalUpTo: 100 },
        q_coins: { autoApproveUpTo: 0, singleApprovalUpTo: 1000 },
      })
      .expect(200);
    expect(v2.body.version).toBe(2);
    const complaint = await file(`${OTHER}，第七条`);
    const proposal = (await propose(complaint.id, 1, 0).expect(201)).body as Compensation;
    expect(proposal).toMatchObject({ status: 'pending', requiredTier: 'single', policyVersion: 2 });
    await t.http
      .put('/api/v1/admin/approval-policy')
      .set(bearer(supervisor.token))
      .send({
        member_days: { autoApproveUpTo: 7, singleApprovalUpTo: 30 },
        q_coins: { autoApproveUpTo: 100, singleApprovalUpTo: 1000 },
      })
      .expect(200);
  });

  it('gives finance entries, summaries, balances, reversals, period close and verify', async () => {
    const entries = await t.http
      .get('/api/v1/finance/ledger/entries?unit=member_days')
      .set(bearer(finance.token))
      .expect(200);
    expect(entries.body.total).toBeGreaterThan(0);
    expect(entries.body.items.every((e: { unit: string }) => e.unit === 'member_days')).toBe(true);
    const summary = await t.http
      .get('/api/v1/finance/ledger/summary?groupBy=category')
      .set(bearer(finance.token))
      .expect(200);
    const other = summary.body.rows.find((r: { key: string }) => r.key === 'other');
    expect(other.memberDays).toBeGreaterThanOrEqual(12 + 60 + 3 + 20);
    for (const groupBy of ['rule', 'incident', 'day'])
      await t.http
        .get(`/api/v1/finance/ledger/summary?groupBy=${groupBy}`)
        .set(bearer(finance.token))
        .expect(200);
    await t.http
      .get('/api/v1/finance/ledger/summary?groupBy=agent')
      .set(bearer(finance.token))
      .expect(400);
    expect(await balances('99999999')).toEqual({ member_days: 0, q_coins: 0 });
    await t.http.get('/api/v1/finance/accounts/abc').set(bearer(finance.token)).expect(400);
    await t.http.get('/api/v1/finance/ledger/entries').set(bearer(agent.token)).expect(403);

    // A reversal moves every entry back, once.
    const complaint = await file(`${OTHER}，第八条`);
    const grant = (await propose(complaint.id, 5, 0).expect(201)).body as Compensation;
    const reversal = await t.http
      .post(`/api/v1/finance/ledger/transfers/${grant.transferId}/reverse`)
      .set(bearer(finance.token))
      .send({ reason: 'Granted by mistake' })
      .expect(201);
    expect(reversal.body).toMatchObject({ kind: 'reversal', reversesId: grant.transferId });
    expect(await balances(complaint.platformUserId)).toEqual({ member_days: 0, q_coins: 0 });
    // The same reversal again is the same transfer (its key); reversing a reversal is refused.
    const again = await t.http
      .post(`/api/v1/finance/ledger/transfers/${grant.transferId}/reverse`)
      .set(bearer(finance.token))
      .send({ reason: 'Granted by mistake' })
      .expect(201);
    expect(again.body).toMatchObject({ id: reversal.body.id, replayed: true });
    await t.http
      .post(`/api/v1/finance/ledger/transfers/${reversal.body.id}/reverse`)
      .set(bearer(finance.token))
      .send({ reason: 'undo the undo' })
      .expect(409);

    // Ledger rows are history: the database refuses to change them.
    await expect(t.db.query('UPDATE ledger_entries SET amount = amount + 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM ledger_transfers')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE ledger_entries')).rejects.toThrow(/append-only/);

    // Closing a month: postings dated into it are refused, by the service and by the database.
    const last = new Date();
    last.setUTCDate(1);
    last.setUTCMonth(last.getUTCMonth() - 1);
    const period = `${last.getUTCFullYear()}${String(last.getUTCMonth() + 1).padStart(2, '0')}`;
    await t.http
      .post(`/api/v1/finance/periods/${period}/close`)
      .set(bearer(finance.token))
      .expect(201);
    await t.http
      .post(`/api/v1/finance/periods/${period}/close`)
      .set(bearer(finance.token))
      .expect(409);
    await t.http
      .post('/api/v1/finance/periods/209912/close')
      .set(bearer(finance.token))
      .expect(400);
    await t.http
      .post('/api/v1/finance/periods/2026-1/close')
      .set(bearer(finance.token))
      .expect(400);
    await expect(
      t.db.query(
        `INSERT INTO ledger_transfers (idempotency_key, request_hash, kind, effective_at)
         VALUES ('backdated', repeat('0', 64), 'grant', $1)`,
        [last],
      ),
    ).rejects.toThrow(/is closed/);

    const report = await verify();
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(report.transfers).toBeGreaterThan(3);
  });
});
