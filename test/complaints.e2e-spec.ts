import type { INestApplicationContext } from '@nestjs/common';
import { eventually, startApi, startWorker, type TestApp } from './support/test-app.js';

const complaint = (overrides: Record<string, unknown> = {}) => ({
  platformUserId: '10086123',
  contact: 'li.wei@example.cn',
  description: '我的账号被盗了，对方改了密码还用我的号给好友发借钱的诈骗信息',
  locale: 'zh',
  ...overrides,
});

describe('complaint intake, triage and tracking', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const bearer = () => ({ Authorization: `Bearer ${t.adminToken}` });
  const count = async (table: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const detail = async (id: string) =>
    (await t.http.get(`/api/v1/admin/complaints/${id}`).set(bearer()).expect(200)).body;

  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000',
    });
    worker = await startWorker(t.config);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('files a complaint, triages it within moments, and finds it by a Chinese word', async () => {
    const filed = await t.http.post('/api/v1/public/complaints').send(complaint()).expect(201);
    expect(filed.body).toMatchObject({ status: 'received' });
    expect(filed.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(filed.body.trackingToken).toMatch(/^[0-9a-f]{32}$/);
    const triaged = await eventually(async () => {
      const body = await detail(filed.body.id);
      return body.status !== 'received' && body;
    });
    expect(triaged).toMatchObject({
      category: 'account_security',
      priority: 'P1',
      platformUserId: '10086123',
    });
    expect(triaged.triage).toMatchObject({ language: 'zh', category: 'account_security' });
    expect(triaged.triage.explanation.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Account taken over', term: '被盗' }),
      ]),
    );
    const found = await t.http.get('/api/v1/admin/complaints?q=被盗').set(bearer()).expect(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(filed.body.id);
    const none = await t.http.get('/api/v1/admin/complaints?q=发票').set(bearer()).expect(200);
    expect(none.body.items.map((c: { id: string }) => c.id)).not.toContain(filed.body.id);
  });

  it('writes complaint, outbox row and audit record together, without the contact in the audit', async () => {
    const filed = await t.http
      .post('/api/v1/public/complaints')
      .send(complaint({ platformUserId: '20000001' }))
      .expect(201);
    const [audit] = await t.db.query(
      "SELECT actor_kind, after FROM audit_log WHERE entity_id = $1 AND action = 'complaint.received'",
      [filed.body.id],
    );
    expect(audit.actor_kind).toBe('public');
    expect(JSON.stringify(audit.after)).not.toContain('li.wei');
    const outbox = await t.db.query(
      "SELECT job_name FROM outbox WHERE payload->>'complaintId' = $1",
      [filed.body.id],
    );
    expect(outbox).toEqual([{ job_name: 'complaint.triage' }]);
  });

  it('parallel requests with one Idempotency-Key create one complaint; another body gets 409', async () => {
    const before = await count('complaints');
    const body = complaint({
      platformUserId: '30000001',
      description: 'Messages arrive 10 minutes late since yesterday',
    });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http
          .post('/api/v1/public/complaints')
          .set('Idempotency-Key', 'key-parallel-1')
          .send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.trackingCode)).size).toBe(1);
    expect(await count('complaints')).toBe(before + 1);
    const other = await t.http
      .post('/api/v1/public/complaints')
      .set('Idempotency-Key', 'key-parallel-1')
      .send({ ...body, description: 'something else' })
      .expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('tracks with the token: status, replies from the user; 404 for wrong tokens, 429 after 10', async () => {
    const filed = (
      await t.http
        .post('/api/v1/public/complaints')
        .send(complaint({ platformUserId: '40000001' }))
        .expect(201)
    ).body;
    const view = await t.http
      .get(`/api/v1/public/complaints/${filed.trackingCode}`)
      .set('X-Tracking-Token', filed.trackingToken)
      .expect(200);
    expect(view.body).toMatchObject({
      trackingCode: filed.trackingCode,
      replies: [],
      compensations: [],
    });
    expect(['received', 'in_progress']).toContain(view.body.status);
    expect(JSON.stringify(view.body)).not.toContain('li.wei');
    await t.http
      .post(`/api/v1/public/complaints/${filed.trackingCode}/replies`)
      .set('X-Tracking-Token', filed.trackingToken)
      .send({ body: '<script>alert(1)</script> 补充：重启后还是一样' })
      .expect(201);
    const after = await t.http
      .get(`/api/v1/public/complaints/${filed.trackingCode}`)
      .set('X-Tracking-Token', filed.trackingToken)
      .expect(200);
    expect(after.body.replies).toEqual([
      expect.objectContaining({
        from: 'user',
        body: '<script>alert(1)</script> 补充：重启后还是一样',
      }),
    ]);
    const rate = await t.http
      .post(`/api/v1/public/complaints/${filed.trackingCode}/satisfaction`)
      .set('X-Tracking-Token', filed.trackingToken)
      .send({ rating: 5 })
      .expect(409);
    expect(rate.body.code).toBe('COMPLAINT_NOT_RESOLVED');

    const wrong = (code = filed.trackingCode) =>
      t.http
        .get(`/api/v1/public/complaints/${code}`)
        .set('X-Forwarded-For', '198.51.100.9')
        .set('X-Tracking-Token', 'f'.repeat(32));
    expect((await wrong().expect(404)).body.code).toBe('COMPLAINT_NOT_FOUND');
    await wrong('not-a-code').expect(404);
    for (let i = 0; i < 8; i++) await wrong().expect(404);
    const throttled = await wrong().expect(429);
    expect(throttled.body.code).toBe('TRACKING_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('links a similar complaint of the same user within 72 h as a duplicate', async () => {
    const first = (
      await t.http
        .post('/api/v1/public/complaints')
        .send(complaint({ platformUserId: '50000001' }))
        .expect(201)
    ).body;
    await eventually(async () => (await detail(first.id)).status !== 'received');
    const second = (
      await t.http
        .post('/api/v1/public/complaints')
        .send(
          complaint({
            platformUserId: '50000001',
            description: '我的账号被盗了！对方改了密码，还用我的号给好友发借钱的诈骗信息',
          }),
        )
        .expect(201)
    ).body;
    const dup = await eventually(async () => {
      const body = await detail(second.id);
      return body.status !== 'received' && body;
    });
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOfId: first.id });
  });

  it('an agent corrects triage with a reason; it is audited and the next preview reflects it', async () => {
    const text = 'The green button on the settings page is slightly too green for my taste';
    const filed = (
      await t.http
        .post('/api/v1/public/complaints')
        .send(complaint({ platformUserId: '60000001', description: text }))
        .expect(201)
    ).body;
    await eventually(async () => (await detail(filed.id)).status !== 'received');
    const agent = await t.staffWith(['agent']);
    await t.http
      .patch(`/api/v1/admin/complaints/${filed.id}/triage`)
      .set('Authorization', `Bearer ${agent.token}`)
      .send({ category: 'other' })
      .expect(400);
    const corrected = await t.http
      .patch(`/api/v1/admin/complaints/${filed.id}/triage`)
      .set('Authorization', `Bearer ${agent.token}`)
      .send({
        category: 'marketing_abuse',
        priority: 'P2',
        reason: 'colour scheme pushes a paid theme',
      })
      .expect(200);
    expect(corrected.body).toMatchObject({
      category: 'marketing_abuse',
      priority: 'P2',
      status: 'triaged',
    });
    const [audit] = await t.db.query(
      "SELECT actor_id, after FROM audit_log WHERE entity_id = $1 AND action = 'complaint.triage_corrected'",
      [filed.id],
    );
    expect(audit).toMatchObject({
      actor_id: agent.id,
      after: { reason: 'colour scheme pushes a paid theme' },
    });
    const preview = await t.http
      .post('/api/v1/admin/triage/preview')
      .set('Authorization', `Bearer ${agent.token}`)
      .send({ text })
      .expect(200);
    expect(preview.body).toMatchObject({ category: 'marketing_abuse', priority: 'P2' });
  });

  it('supervisors edit triage rules (versioned, audited); agents may not; bad regexes are refused', async () => {
    const supervisor = await t.staffWith(['supervisor']);
    const agent = await t.staffWith(['agent']);
    const rules = await t.http
      .get('/api/v1/admin/triage/rules')
      .set('Authorization', `Bearer ${agent.token}`)
      .expect(200);
    expect(rules.body.total).toBeGreaterThanOrEqual(10);
    const body = {
      name: 'Sticker packs',
      category: 'billing',
      pattern: '表情包|sticker pack',
      weight: 2,
    };
    await t.http
      .post('/api/v1/admin/triage/rules')
      .set('Authorization', `Bearer ${agent.token}`)
      .send(body)
      .expect(403);
    await t.http
      .post('/api/v1/admin/triage/rules')
      .set('Authorization', `Bearer ${supervisor.token}`)
      .send({ ...body, pattern: '(unclosed', isRegex: true })
      .expect(400);
    const created = await t.http
      .post('/api/v1/admin/triage/rules')
      .set('Authorization', `Bearer ${supervisor.token}`)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ version: 1, active: true });
    const edited = await t.http
      .patch(`/api/v1/admin/triage/rules/${created.body.id}`)
      .set('Authorization', `Bearer ${supervisor.token}`)
      .send({ weight: 3 })
      .expect(200);
    expect(edited.body).toMatchObject({ version: 2, weight: 3 });
    const history = await t.db.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id',
      [created.body.id],
    );
    expect(history.map((h: { action: string }) => h.action)).toEqual([
      'triage_rule.created',
      'triage_rule.updated',
    ]);
    const preview = await t.http
      .post('/api/v1/admin/triage/preview')
      .set('Authorization', `Bearer ${agent.token}`)
      .send({ text: '买的表情包不见了' })
      .expect(200);
    expect(preview.body.explanation.rules.map((r: { name: string }) => r.name)).toContain(
      'Sticker packs',
    );
  });

  it('the honeypot answers like a success and keeps nothing', async () => {
    const before = [await count('complaints'), await count('outbox'), await count('audit_log')];
    const response = await t.http
      .post('/api/v1/public/complaints')
      .send(complaint({ website: 'http://spam.example' }))
      .expect(201);
    expect(response.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect([await count('complaints'), await count('outbox'), await count('audit_log')]).toEqual(
      before,
    );
  });

  describe('bad input is a 4xx with a code and stores nothing', () => {
    const cases: [string, unknown][] = [
      ['platformUserId with a leading zero', complaint({ platformUserId: '0123456' })],
      ['platformUserId too short', complaint({ platformUserId: '1234' })],
      ['contact neither e-mail nor mobile', complaint({ contact: '12345' })],
      ['landline as contact', complaint({ contact: '010-12345678' })],
      ['empty description', complaint({ description: '' })],
      ['blank description', complaint({ description: '   ' })],
      ['description over 5,000 characters', complaint({ description: '长'.repeat(5001) })],
      ['title over 200 characters', complaint({ title: 't'.repeat(201) })],
      ['unknown category', complaint({ category: 'weather' })],
      ['locale fr', complaint({ locale: 'fr' })],
      ['control characters', complaint({ description: 'bad\u0000byte' })],
      ['unknown field', complaint({ isVip: true })],
      ['number as description', complaint({ description: 42 })],
      ['occurredAt not a date', complaint({ occurredAt: 'yesterday' })],
    ];
    it.each(cases)('%s → 400', async (_name, body) => {
      const before = await count('complaints');
      const response = await t.http
        .post('/api/v1/public/complaints')
        .send(body as object)
        .expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await count('complaints')).toBe(before);
    });

    it('a malformed Idempotency-Key → 400', async () => {
      const response = await t.http
        .post('/api/v1/public/complaints')
        .set('Idempotency-Key', 'has spaces')
        .send(complaint())
        .expect(400);
      expect(response.body.code).toBe('INVALID_IDEMPOTENCY_KEY');
    });

    it('a 5,000-character complaint in Chinese is accepted', async () => {
      await t.http
        .post('/api/v1/public/complaints')
        .send(complaint({ platformUserId: '70000001', description: '消'.repeat(5000) }))
        .expect(201);
    });
  });
});

describe('public rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '3',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '5',
    });
  });
  afterAll(() => t.close());

  it('429 with Retry-After past the per-user limit; replays do not count', async () => {
    const body = complaint({ platformUserId: '80000001' });
    await t.http
      .post('/api/v1/public/complaints')
      .set('Idempotency-Key', 'rl-1')
      .send(body)
      .expect(201);
    for (let i = 0; i < 3; i++)
      await t.http
        .post('/api/v1/public/complaints')
        .set('Idempotency-Key', 'rl-1')
        .send(body)
        .expect(201);
    await t.http.post('/api/v1/public/complaints').send(body).expect(201);
    await t.http.post('/api/v1/public/complaints').send(body).expect(201);
    const limited = await t.http.post('/api/v1/public/complaints').send(body).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('429 past the per-IP limit, other IPs unaffected', async () => {
    const from = (ip: string, user: string) =>
      t.http
        .post('/api/v1/public/complaints')
        .set('X-Forwarded-For', ip)
        .send(complaint({ platformUserId: user }));
    for (let i = 0; i < 5; i++) await from('203.0.113.50', `9000000${i}`).expect(201);
    await from('203.0.113.50', '90000009').expect(429);
    await from('203.0.113.51', '90000009').expect(201);
  });
});

describe('intake while Redis is down', () => {
  it('accepts the complaint, and the worker triages it from the outbox once Redis is back', async () => {
    // The API gets a Redis that is not there; the worker (started later) gets the real one.
    const t = await startApi({ REDIS_URL: 'redis://127.0.0.1:6390/0' });
    let worker: INestApplicationContext | undefined;
    try {
      const filed = await t.http
        .post('/api/v1/public/complaints')
        .send(complaint({ platformUserId: '91000001' }))
        .expect(201);
      const [row] = await t.db.query('SELECT status FROM complaints WHERE id = $1', [
        filed.body.id,
      ]);
      expect(row.status).toBe('received');
      worker = await startWorker(
        Object.assign(Object.create(Object.getPrototypeOf(t.config)), t.config, {
          REDIS_URL: process.env.DESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
        }),
      );
      const status = await eventually(async () => {
        const [current] = await t.db.query('SELECT status FROM complaints WHERE id = $1', [
          filed.body.id,
        ]);
        return current.status !== 'received' && current.status;
      });
      expect(status).toBe('triaged');
    } finally {
      await worker?.close();
      await t.close();
    }
  });
});
