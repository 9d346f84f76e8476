import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { eventually, startApi, startWorker, type TestApp } from './support/test-app.js';

const TEXT = {
  billing: '会员自动续费扣了我的钱，我根本没有同意续费，要求马上退款',
  security: '我的账号被盗了，对方改了密码还用我的号给好友发借钱的诈骗信息',
  ux: '新版界面太乱了，找个设置要点好几层菜单，字体也变小了',
  other: '建议增加一个消息定时发送的功能，工作上很需要，谢谢你们',
};

interface Ticket {
  id: string;
  complaintId: string;
  queueKey: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstRespondedAt: string | null;
  escalationLevel: number;
  breached: boolean;
  slaPaused: boolean;
  reopenCount: number;
}

describe('24/7 queues: routing, shifts, assignment, lifecycle, SLA', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let userSeq = 40000000;
  const bearer = (token = t.adminToken) => ({ Authorization: `Bearer ${token}` });
  const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

  /** Files a complaint and waits until triage has opened its ticket. */
  async function file(text: string) {
    const filed = await t.http
      .post('/api/v1/public/complaints')
      .send({
        platformUserId: String(++userSeq),
        contact: 'user@example.cn',
        description: text,
        locale: 'zh',
      })
      .expect(201);
    const ticket = await eventually(async () => {
      const res = await t.http.get(`/api/v1/admin/complaints/${filed.body.id}`).set(bearer());
      return res.body.ticket as Ticket | null;
    });
    return { ...filed.body, ticket } as {
      id: string;
      trackingCode: string;
      trackingToken: string;
      ticket: Ticket;
    };
  }

  const getTicket = async (id: string) =>
    (await t.http.get(`/api/v1/admin/tickets/${id}`).set(bearer()).expect(200)).body as Ticket;

  const shift = (staffId: string, queueKeys: string[], startsAt: string, endsAt: string) =>
    t.http
      .post('/api/v1/admin/shifts')
      .set(bearer())
      .send({ staffId, queueKeys, startsAt, endsAt })
      .expect(201);

  const notifications = async (token: string) =>
    (await t.http.get('/api/v1/admin/notifications').set(bearer(token)).expect(200)).body as {
      items: { id: number; kind: string; ticketId: string | null; readAt: string | null }[];
      unread: number;
    };

  const transition = (id: string, status: string, token = t.adminToken) =>
    t.http.post(`/api/v1/admin/tickets/${id}/transition`).set(bearer(token)).send({ status });

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
    });
    worker = await startWorker(t.config);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  describe('queues and routing', () => {
    it('starts with the general queue and routes a category to the queue that lists it', async () => {
      const queues = await t.http.get('/api/v1/admin/queues').set(bearer()).expect(200);
      expect(queues.body.items).toEqual([
        expect.objectContaining({ key: 'general', isDefault: true }),
      ]);
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({ key: 'billing', name: 'Billing', categories: ['billing'] })
        .expect(201);
      const duplicate = await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({ key: 'billing', name: 'Again', categories: [] })
        .expect(409);
      expect(duplicate.body.code).toBe('QUEUE_EXISTS');

      const billing = await file(TEXT.billing);
      expect(billing.ticket).toMatchObject({
        queueKey: 'billing',
        status: 'new',
        assigneeId: null,
      });
      const ux = await file(TEXT.ux);
      expect(ux.ticket.queueKey).toBe('general');
      // SLA deadlines come from the policy of the ticket's priority (P4 first response: 24 h).
      expect(ux.ticket.priority).toBe('P4');
      const due = new Date(ux.ticket.firstResponseDueAt).getTime() - Date.now();
      expect(due).toBeGreaterThan(23.9 * 3600_000);
      expect(due).toBeLessThanOrEqual(24 * 3600_000);

      const listed = await t.http
        .get('/api/v1/admin/tickets?queue=billing&status=new')
        .set(bearer())
        .expect(200);
      expect(listed.body.items.map((x: Ticket) => x.id)).toContain(billing.ticket.id);
      expect(listed.body.items.every((x: Ticket) => x.queueKey === 'billing')).toBe(true);
      const byQueue = await t.http
        .get('/api/v1/admin/complaints?queue=billing')
        .set(bearer())
        .expect(200);
      expect(byQueue.body.items.map((c: { id: string }) => c.id)).toEqual([billing.id]);
    });

    it('refuses bad queue definitions and list filters with 400, storing nothing', async () => {
      for (const body of [
        { key: 'Bad Key', name: 'x', categories: [] },
        { key: 'ok', name: 'x', categories: ['nonsense'] },
        { key: 'ok2', name: 'x', categories: [], extra: 1 },
      ]) {
        const res = await t.http.post('/api/v1/admin/queues').set(bearer()).send(body).expect(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
      }
      expect(await t.db.query("SELECT key FROM queues WHERE key LIKE 'ok%'")).toEqual([]);
      for (const query of ['status=open', 'assignee=someone', 'breached=maybe', 'limit=1000'])
        await t.http.get(`/api/v1/admin/tickets?${query}`).set(bearer()).expect(400);
    });
  });

  describe('assignment and shifts', () => {
    it('assigns only to an on-duty agent with the skill, and tells the on-call supervisor when nobody is there', async () => {
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({ key: 'security', name: 'Security', categories: ['account_security'] })
        .expect(201);
      const supervisor = await t.staffWith(['supervisor']);
      const skilledOffDuty = await t.staffWith(['agent'], ['security']);
      const onDutyNoSkill = await t.staffWith(['agent'], ['general']);
      await shift(onDutyNoSkill.id, ['security'], minutesFromNow(-5), minutesFromNow(60));

      const waiting = await file(TEXT.security);
      expect(waiting.ticket).toMatchObject({
        queueKey: 'security',
        assigneeId: null,
        status: 'new',
      });
      const notes = await notifications(supervisor.token);
      expect(notes.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'queue_unstaffed', ticketId: waiting.ticket.id }),
        ]),
      );

      // The skilled agent comes on duty: the shift's start hands out the waiting ticket.
      await shift(skilledOffDuty.id, ['security'], minutesFromNow(-1), minutesFromNow(60));
      const assigned = await eventually(async () => {
        const ticket = await getTicket(waiting.ticket.id);
        return ticket.assigneeId && ticket;
      });
      expect(assigned).toMatchObject({ assigneeId: skilledOffDuty.id, status: 'assigned' });
      expect((await notifications(skilledOffDuty.token)).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'ticket_assigned', ticketId: waiting.ticket.id }),
        ]),
      );

      // From now on a new ticket is assigned as it opens, in the same step.
      const next = await file(TEXT.security);
      expect(next.ticket).toMatchObject({ assigneeId: skilledOffDuty.id, status: 'assigned' });
      const mine = await t.http
        .get('/api/v1/admin/tickets?assignee=me')
        .set(bearer(skilledOffDuty.token))
        .expect(200);
      expect(mine.body.items.map((x: Ticket) => x.id).sort()).toEqual(
        [waiting.ticket.id, next.ticket.id].sort(),
      );
      const audit = await t.db.query(
        "SELECT after->>'how' AS how FROM audit_log WHERE entity_id = $1 AND action = 'ticket.assigned'",
        [next.ticket.id],
      );
      expect(audit).toEqual([{ how: 'auto' }]);
    });

    it('spreads tickets to the least loaded agent on duty', async () => {
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({ key: 'ux', name: 'Interface', categories: ['ux_design'] })
        .expect(201);
      const a = await t.staffWith(['agent'], ['ux']);
      const b = await t.staffWith(['agent'], ['ux']);
      await shift(a.id, ['ux'], minutesFromNow(-1), minutesFromNow(60));
      await shift(b.id, ['ux'], minutesFromNow(-1), minutesFromNow(60));
      const owners: string[] = [];
      for (let i = 0; i < 4; i++)
        owners.push((await file(`${TEXT.ux}（第${i + 1}次）`)).ticket.assigneeId!);
      expect(owners.filter((o) => o === a.id)).toHaveLength(2);
      expect(owners.filter((o) => o === b.id)).toHaveLength(2);
    });

    it('hands an agent’s open tickets over with an internal note when the shift ends', async () => {
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({
          key: 'billing-vip',
          name: 'VIP billing',
          categories: ['billing'],
          priorities: ['P1', 'P2'],
        })
        .expect(201);
      const leaving = await t.staffWith(['agent'], ['billing-vip']);
      const staying = await t.staffWith(['agent'], ['billing-vip']);
      await shift(
        leaving.id,
        ['billing-vip'],
        minutesFromNow(-1),
        new Date(Date.now() + 4000).toISOString(),
      );
      const ticket = (await file(`${TEXT.billing}，第二次扣款`)).ticket;
      expect(ticket).toMatchObject({ queueKey: 'billing-vip', assigneeId: leaving.id });
      await shift(staying.id, ['billing-vip'], minutesFromNow(1), minutesFromNow(120));
      // The colleague's shift starts later than the leaving one ends: until it does, nobody can take it.
      const handedOver = await eventually(async () => {
        const current = await getTicket(ticket.id);
        return current.assigneeId !== leaving.id && current;
      }, 200);
      expect(handedOver).toMatchObject({ assigneeId: null, status: 'new' });
      const notes = await t.db.query(
        "SELECT body FROM complaint_messages WHERE complaint_id = $1 AND visibility = 'internal'",
        [ticket.complaintId],
      );
      expect(notes[0].body).toContain('nobody on duty could take this ticket');
    });

    it('hands over to a colleague on duty when there is one', async () => {
      const leaving = await t.staffWith(['agent'], ['billing-vip', 'billing']);
      const colleague = await t.staffWith(['agent'], ['billing', 'billing-vip']);
      await shift(
        colleague.id,
        ['billing', 'billing-vip'],
        minutesFromNow(-1),
        minutesFromNow(120),
      );
      await shift(
        leaving.id,
        ['billing', 'billing-vip'],
        minutesFromNow(-1),
        new Date(Date.now() + 4000).toISOString(),
      );
      // Give the leaving agent a ticket by hand (the colleague would otherwise tie for it).
      const ticket = (await file(`${TEXT.billing}，第三次`)).ticket;
      await t.http
        .post(`/api/v1/admin/tickets/${ticket.id}/assign`)
        .set(bearer())
        .send({ agentId: leaving.id })
        .expect(200);
      const handedOver = await eventually(async () => {
        const current = await getTicket(ticket.id);
        return current.assigneeId === colleague.id && current;
      }, 200);
      expect(handedOver.status).toBe('assigned');
      const [note] = await t.db.query(
        "SELECT body FROM complaint_messages WHERE complaint_id = $1 AND visibility = 'internal'",
        [ticket.complaintId],
      );
      expect(note.body).toMatch(/Handed over at the end of .*'s shift/);
      expect((await notifications(colleague.token)).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'ticket_handed_over', ticketId: ticket.id }),
        ]),
      );
    });

    it('reports coverage gaps per queue, in the viewer’s time zone', async () => {
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({ key: 'privacy', name: 'Privacy', categories: ['privacy_leak'] })
        .expect(201);
      const agent = await t.staffWith(['agent'], ['privacy']);
      const day = new Date(Date.now() + 3 * 86_400_000);
      day.setUTCHours(0, 0, 0, 0);
      const at = (h: number) => new Date(day.getTime() + h * 3600_000).toISOString();
      await shift(agent.id, ['privacy'], at(1), at(9));
      await shift(agent.id, ['privacy'], at(9), at(17));

      const coverage = await t.http
        .get(`/api/v1/admin/coverage?from=${at(0)}&to=${at(24)}`)
        .set(bearer())
        .expect(200);
      const privacy = coverage.body.gaps.filter(
        (g: { queueKey: string }) => g.queueKey === 'privacy',
      );
      expect(privacy).toEqual([
        { queueKey: 'privacy', from: at(0), to: at(1) },
        { queueKey: 'privacy', from: at(17), to: at(24) },
      ]);
      const local = await t.http
        .get(`/api/v1/admin/coverage?from=${at(0)}&to=${at(24)}&tz=Asia/Shanghai`)
        .set(bearer())
        .expect(200);
      expect(local.body.gaps).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            queueKey: 'privacy',
            from: expect.stringMatching(/T08:00:00\+08:00$/),
            to: expect.stringMatching(/T09:00:00\+08:00$/),
          }),
        ]),
      );
      await t.http.get('/api/v1/admin/coverage?tz=Mars/Base').set(bearer()).expect(400);
      await t.http
        .get(`/api/v1/admin/coverage?from=${at(24)}&to=${at(0)}`)
        .set(bearer())
        .expect(400);
    });

    it('stores weekly rosters in UTC, shows them in local time and writes occurrences ahead', async () => {
      const agent = await t.staffWith(['agent'], ['privacy']);
      const roster = await t.http
        .post('/api/v1/admin/shifts')
        .set(bearer())
        .send({
          staffId: agent.id,
          queueKeys: ['privacy'],
          timeZone: 'Asia/Shanghai',
          weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
            weekday,
            start: '09:00',
            end: '17:00',
          })),
        })
        .expect(201);
      expect(roster.body).toMatchObject({ kind: 'weekly', timeZone: 'Asia/Shanghai' });
      expect(roster.body.upcoming.length).toBeGreaterThanOrEqual(7);
      for (const o of roster.body.upcoming) expect(o.startsAt).toMatch(/T01:00:00\.000Z$/);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM shifts WHERE roster_id = $1',
        [roster.body.id],
      );
      expect(n).toBeGreaterThanOrEqual(14);
      const listed = await t.http
        .get(`/api/v1/admin/shifts?staffId=${agent.id}&tz=Asia/Shanghai`)
        .set(bearer())
        .expect(200);
      expect(listed.body.items.length).toBeGreaterThanOrEqual(7);
      expect(listed.body.items[0].local.startsAt).toMatch(/T09:00:00\+08:00$/);

      for (const body of [
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          timeZone: 'Nowhere/Land',
          weekly: [{ weekday: 1, start: '09:00', end: '17:00' }],
        },
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          timeZone: 'UTC',
          weekly: [{ weekday: 8, start: '09:00', end: '17:00' }],
        },
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          timeZone: 'UTC',
          weekly: [{ weekday: 1, start: '9am', end: '17:00' }],
        },
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          startsAt: minutesFromNow(10),
          endsAt: minutesFromNow(5),
        },
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          startsAt: minutesFromNow(-60),
          endsAt: minutesFromNow(-5),
        },
        {
          staffId: agent.id,
          queueKeys: ['no-such-queue'],
          startsAt: minutesFromNow(1),
          endsAt: minutesFromNow(5),
        },
        {
          staffId: agent.id,
          queueKeys: ['privacy'],
          startsAt: minutesFromNow(1),
          endsAt: minutesFromNow(5),
          timeZone: 'UTC',
        },
        {
          staffId: '00000000-0000-4000-8000-000000000000',
          queueKeys: ['privacy'],
          startsAt: minutesFromNow(1),
          endsAt: minutesFromNow(5),
        },
      ]) {
        const res = await t.http.post('/api/v1/admin/shifts').set(bearer()).send(body);
        expect(`${res.status} ${JSON.stringify(body)}`).toBe(`400 ${JSON.stringify(body)}`);
      }
    });
  });

  describe('lifecycle and messages', () => {
    it('allows the contract’s moves, refuses others with 409 and changes nothing', async () => {
      const { ticket } = await file(TEXT.other);
      const auditBefore = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
      for (const to of ['in_progress', 'resolved', 'closed', 'awaiting_user']) {
        const refused = await transition(ticket.id, to).expect(409);
        expect(refused.body.code).toBe('TICKET_TRANSITION_NOT_ALLOWED');
      }
      expect(await t.db.query('SELECT count(*)::int AS n FROM audit_log')).toEqual(auditBefore);
      expect(await getTicket(ticket.id)).toMatchObject({
        status: ticket.status,
        assigneeId: ticket.assigneeId,
      });
      const bad = await transition(ticket.id, 'done').expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
    });

    it('works a ticket: claim, reply (public and internal), wait for the user, resolve, reopen by the user', async () => {
      const agent = await t.staffWith(['agent'], ['general']);
      const filed = await file(`${TEXT.other}。另外希望支持更多主题`);
      expect(filed.ticket.queueKey).toBe('general');
      const id = filed.ticket.id;
      const unassigned = await transition(id, 'assigned', agent.token).expect(409);
      expect(unassigned.body.code).toBe(
        filed.ticket.assigneeId ? 'TICKET_TRANSITION_NOT_ALLOWED' : 'TICKET_UNASSIGNED',
      );
      await t.http.post(`/api/v1/admin/tickets/${id}/claim`).set(bearer(agent.token)).expect(200);
      const other = await t.staffWith(['agent'], ['general']);
      const taken = await t.http
        .post(`/api/v1/admin/tickets/${id}/claim`)
        .set(bearer(other.token))
        .expect(409);
      expect(taken.body.code).toBe('TICKET_ALREADY_ASSIGNED');
      await transition(id, 'in_progress', agent.token).expect(200);

      const missing = await t.http
        .post(`/api/v1/admin/tickets/${id}/messages`)
        .set(bearer(agent.token))
        .send({ cannedKey: 'apology_delay', visibility: 'public' })
        .expect(400);
      expect(missing.body.code).toBe('TEMPLATE_VARIABLES_MISSING');
      expect(missing.body.message).toContain('hours');
      const reply = await t.http
        .post(`/api/v1/admin/tickets/${id}/messages`)
        .set(bearer(agent.token))
        .send({ cannedKey: 'apology_delay', variables: { hours: '2' }, visibility: 'public' })
        .expect(201);
      expect(reply.body.body).toBe(
        '您好，抱歉让您久等了。关于您反馈的其他问题，我们预计在 2 小时内给您答复。',
      );
      await t.http
        .post(`/api/v1/admin/tickets/${id}/messages`)
        .set(bearer(agent.token))
        .send({ body: '内部备注：用户是老年人，注意语气', visibility: 'internal' })
        .expect(201);
      await t.http
        .post(`/api/v1/admin/tickets/${id}/messages`)
        .set(bearer(agent.token))
        .send({ body: 'both', cannedKey: 'resolved', visibility: 'public' })
        .expect(400);
      expect((await getTicket(id)).firstRespondedAt).not.toBeNull();

      const track = () =>
        t.http
          .get(`/api/v1/public/complaints/${filed.trackingCode}`)
          .set('X-Tracking-Token', filed.trackingToken)
          .expect(200);
      const seen = (await track()).body;
      expect(seen.status).toBe('in_progress');
      expect(seen.replies).toEqual([
        expect.objectContaining({ from: 'agent', body: reply.body.body }),
      ]);
      expect(JSON.stringify(seen)).not.toContain('内部备注');

      // Waiting for the user stops the clock; their reply starts it again, deadline moved.
      const waiting = (await transition(id, 'awaiting_user', agent.token).expect(200)).body;
      expect(waiting.slaPaused).toBe(true);
      expect((await track()).body.status).toBe('awaiting_user');
      await new Promise((r) => setTimeout(r, 300));
      await t.http
        .post(`/api/v1/public/complaints/${filed.trackingCode}/replies`)
        .set('X-Tracking-Token', filed.trackingToken)
        .send({ body: '我用的是华为手机' })
        .expect(201);
      const resumed = await getTicket(id);
      expect(resumed).toMatchObject({ status: 'in_progress', slaPaused: false });
      expect(new Date(resumed.resolutionDueAt).getTime()).toBeGreaterThan(
        new Date(waiting.resolutionDueAt).getTime() + 250,
      );

      await transition(id, 'resolved', agent.token).expect(200);
      expect((await track()).body.status).toBe('resolved');
      await t.http
        .post(`/api/v1/public/complaints/${filed.trackingCode}/replies`)
        .set('X-Tracking-Token', filed.trackingToken)
        .send({ body: '还是不行，设置还是找不到' })
        .expect(201);
      expect(await getTicket(id)).toMatchObject({ status: 'in_progress', reopenCount: 1 });
      expect((await notifications(agent.token)).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'ticket_reopened', ticketId: id }),
        ]),
      );
      await transition(id, 'resolved', agent.token).expect(200);
      await transition(id, 'closed', agent.token).expect(200);
      const closed = await t.http
        .post(`/api/v1/admin/tickets/${id}/messages`)
        .set(bearer(agent.token))
        .send({ body: 'late', visibility: 'public' })
        .expect(409);
      expect(closed.body.code).toBe('TICKET_CLOSED');
      expect((await track()).body.status).toBe('closed');
      await t.http
        .post(`/api/v1/public/complaints/${filed.trackingCode}/satisfaction`)
        .set('X-Tracking-Token', filed.trackingToken)
        .send({ rating: 4 })
        .expect(201);
      const [{ satisfaction_rating }] = await t.db.query(
        'SELECT satisfaction_rating FROM tickets WHERE id = $1',
        [id],
      );
      expect(satisfaction_rating).toBe(4);
    });

    it('lets staff read and mark their own notifications only', async () => {
      const agent = await t.staffWith(['agent'], ['general']);
      const { ticket } = await file(`${TEXT.other}，还想要更多表情包`);
      await t.http
        .post(`/api/v1/admin/tickets/${ticket.id}/assign`)
        .set(bearer())
        .send({ agentId: agent.id })
        .expect(200);
      const before = await notifications(agent.token);
      const note = before.items.find((n) => n.ticketId === ticket.id)!;
      expect(note).toMatchObject({ kind: 'ticket_assigned', readAt: null });
      const someoneElse = await t.staffWith(['agent']);
      await t.http
        .post(`/api/v1/admin/notifications/${note.id}/read`)
        .set(bearer(someoneElse.token))
        .expect(404);
      const read = await t.http
        .post(`/api/v1/admin/notifications/${note.id}/read`)
        .set(bearer(agent.token))
        .expect(200);
      expect(read.body.readAt).not.toBeNull();
      expect((await notifications(agent.token)).unread).toBe(before.unread - 1);
      const bad = await t.http
        .post(`/api/v1/admin/tickets/${ticket.id}/assign`)
        .set(bearer())
        .send({ agentId: '00000000-0000-4000-8000-000000000000' })
        .expect(400);
      expect(bad.body.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    });

    it('reports volume, response times, breach rate and CSAT per group', async () => {
      const report = await t.http
        .get('/api/v1/admin/reports/sla?groupBy=queue')
        .set(bearer())
        .expect(200);
      const general = report.body.rows.find((r: { key: string }) => r.key === 'general');
      expect(general.volume).toBeGreaterThanOrEqual(3);
      expect(general.firstResponseMedianSeconds).not.toBeNull();
      expect(general).toMatchObject({ csatAverage: 4, csatResponses: 1 });
      expect(report.body.total.volume).toBe(
        report.body.rows.reduce((s: number, r: { volume: number }) => s + r.volume, 0),
      );
      const byPriority = await t.http
        .get('/api/v1/admin/reports/sla?groupBy=priority')
        .set(bearer())
        .expect(200);
      expect(byPriority.body.rows.map((r: { key: string }) => r.key)).toEqual(
        expect.arrayContaining(['P4']),
      );
      await t.http.get('/api/v1/admin/reports/sla?groupBy=agent').set(bearer()).expect(400);
    });
  });

  describe('SLA timers', () => {
    let supervisor: { id: string; token: string };

    beforeAll(async () => {
      supervisor = await t.staffWith(['supervisor']);
      await t.http
        .post('/api/v1/admin/queues')
        .set(bearer())
        .send({
          key: 'sla-drill',
          name: 'SLA drill',
          categories: ['account_security'],
          priorities: ['P1'],
        })
        .expect(201);
      const bad = await t.http
        .put('/api/v1/admin/sla-policies')
        .set(bearer())
        .send([{ priority: 'P1', firstResponseSeconds: 0, resolutionSeconds: 5 }])
        .expect(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      await t.http
        .put('/api/v1/admin/sla-policies')
        .set(bearer())
        .send({ priority: 'P1' })
        .expect(400);
      const policies = await t.http
        .put('/api/v1/admin/sla-policies')
        .set(bearer())
        .send([{ priority: 'P1', firstResponseSeconds: 2, resolutionSeconds: 3600 }])
        .expect(200);
      expect(policies.body.find((p: { priority: string }) => p.priority === 'P1')).toMatchObject({
        firstResponseSeconds: 2,
        version: 2,
      });
      // Only the listed priority changed.
      expect(policies.body.find((p: { priority: string }) => p.priority === 'P2')).toMatchObject({
        firstResponseSeconds: 3600,
        version: 1,
      });
    });

    it('breaches on time: escalates, raises priority, tells the on-call supervisor, audits', async () => {
      const { ticket } = await file(TEXT.security);
      expect(ticket).toMatchObject({ priority: 'P1', queueKey: 'sla-drill', breached: false });
      const breached = await eventually(async () => {
        const current = await getTicket(ticket.id);
        return current.breached && current;
      });
      expect(breached).toMatchObject({ escalationLevel: 1, priority: 'P1' });
      expect(Date.now() - new Date(ticket.firstResponseDueAt).getTime()).toBeLessThan(15_000);
      expect((await notifications(supervisor.token)).items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'sla_breach', ticketId: ticket.id }),
        ]),
      );
      const audit = await t.db.query(
        "SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'ticket.sla_breached'",
        [ticket.id],
      );
      expect(audit).toEqual([
        { after: expect.objectContaining({ clock: 'first_response', escalationLevel: 1 }) },
      ]);
      const listed = await t.http
        .get('/api/v1/admin/tickets?breached=true')
        .set(bearer())
        .expect(200);
      expect(listed.body.items.map((x: Ticket) => x.id)).toContain(ticket.id);
      const metrics = await t.http.get('/metrics').expect(200);
      expect(metrics.text).toMatch(/desk_tickets_breached_open\{queue="sla-drill"\} [1-9]/);
    });

    it('still breaches after Redis lost every timer', async () => {
      const { ticket } = await file(`${TEXT.security}，请尽快处理`);
      // Wait until the ticket's SLA timer has reached Redis, then take it away.
      await eventually(async () => {
        const rows = await t.db.query(
          'SELECT 1 FROM outbox WHERE job_key LIKE $1 AND dispatched_at IS NOT NULL',
          [`sla:${ticket.id}:%`],
        );
        return rows.length > 0;
      });
      // Every key of this desk in Redis, delayed SLA jobs included, is gone (as after FLUSHALL).
      const redis = new Redis(process.env.DESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0');
      const keys = await redis.keys(`${t.config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      expect(await redis.keys(`${t.config.REDIS_PREFIX}:tickets:*`)).toEqual([]);
      redis.disconnect();
      const breached = await eventually(async () => {
        const current = await getTicket(ticket.id);
        return current.breached && current;
      });
      expect(breached.escalationLevel).toBe(1);
    });

    it('does not breach while the first response was given in time', async () => {
      await t.http
        .put('/api/v1/admin/sla-policies')
        .set(bearer())
        .send([{ priority: 'P1', firstResponseSeconds: 6, resolutionSeconds: 3600 }])
        .expect(200);
      const agent = await t.staffWith(['agent'], ['sla-drill']);
      await shift(agent.id, ['sla-drill'], minutesFromNow(-1), minutesFromNow(30));
      const { ticket } = await file(`${TEXT.security}，还有陌生设备登录`);
      expect(ticket.assigneeId).toBe(agent.id);
      await t.http
        .post(`/api/v1/admin/tickets/${ticket.id}/messages`)
        .set(bearer(agent.token))
        .send({ cannedKey: 'apology_general', visibility: 'public' })
        .expect(201);
      await new Promise((r) => setTimeout(r, 7000));
      expect(await getTicket(ticket.id)).toMatchObject({ breached: false, escalationLevel: 0 });
    });
  });
});
