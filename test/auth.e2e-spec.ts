import { ADMIN_EMAIL, ADMIN_PASSWORD, startApi, type TestApp } from './support/test-app.js';

describe('auth and staff management', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const staffCount = async () => Number((await t.db.query('SELECT count(*) AS n FROM staff'))[0].n);
  const auditCount = async () =>
    Number((await t.db.query('SELECT count(*) AS n FROM audit_log'))[0].n);

  beforeAll(async () => {
    t = await startApi();
  });
  afterAll(() => t.close());

  it('created the first admin once, from the environment, with an audit record', async () => {
    const rows = await t.db.query('SELECT roles FROM staff WHERE email = $1', [ADMIN_EMAIL]);
    expect(rows).toEqual([{ roles: ['admin'] }]);
    const audit = await t.db.query(
      "SELECT actor_kind FROM audit_log WHERE action = 'staff.created'",
    );
    expect(audit).toEqual([{ actor_kind: 'system' }]);
  });

  it('logs the admin in and answers /auth/me', async () => {
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'ADMIN@desk.test', password: ADMIN_PASSWORD })
      .expect(200);
    expect(login.body).toMatchObject({
      tokenType: 'Bearer',
      user: { email: ADMIN_EMAIL, roles: ['admin'] },
    });
    const me = await t.http.get('/api/v1/auth/me').set(bearer(login.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ id: login.body.user.id, email: ADMIN_EMAIL, active: true });
    expect(me.body.passwordHash).toBeUndefined();
  });

  it('refuses a wrong password and an unknown e-mail alike with 401 INVALID_CREDENTIALS', async () => {
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL, password: 'not-the-password' })
      .expect(401);
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@desk.test', password: 'whatever-password' })
      .expect(401);
    expect(wrong.body).toMatchObject({
      statusCode: 401,
      error: 'Unauthorized',
      code: 'INVALID_CREDENTIALS',
    });
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('throttles after 5 failures per e-mail and IP with 429 and Retry-After, other IPs unaffected', async () => {
    const attempt = (ip: string, password = 'wrong-password') =>
      t.http
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: 'victim@desk.test', password });
    for (let i = 0; i < 5; i++) await attempt('203.0.113.7').expect(401);
    const blocked = await attempt('203.0.113.7').expect(429);
    expect(blocked.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(900);
    await attempt('203.0.113.8').expect(401);
  });

  it('creates staff (201, SPEC shape, capacity 20 by default) and refuses a duplicate e-mail with 409', async () => {
    const body = {
      email: 'Agent.One@desk.test',
      password: 'agent-password-1',
      displayName: 'Agent One',
      roles: ['agent'],
      skills: ['general', 'billing'],
    };
    const created = await t.http
      .post('/api/v1/admin/staff')
      .set(bearer(t.adminToken))
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({
      email: 'agent.one@desk.test',
      displayName: 'Agent One',
      roles: ['agent'],
      skills: ['general', 'billing'],
      capacity: 20,
      active: true,
    });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const before = await staffCount();
    const dup = await t.http
      .post('/api/v1/admin/staff')
      .set(bearer(t.adminToken))
      .send({ ...body, email: 'agent.ONE@desk.test' })
      .expect(409);
    expect(dup.body.code).toBe('STAFF_EMAIL_TAKEN');
    expect(await staffCount()).toBe(before);
  });

  it('gives an agent 403 on staff management and anonymous callers 401', async () => {
    const agent = await t.staffWith(['agent']);
    const forbidden = await t.http.get('/api/v1/admin/staff').set(bearer(agent.token)).expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    const anonymous = await t.http.get('/api/v1/admin/staff').expect(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/api/v1/admin/staff').set('Authorization', 'Bearer not.a.jwt').expect(401);
  });

  it('lists staff with pagination and filters', async () => {
    await t.staffWith(['finance']);
    const page = await t.http
      .get('/api/v1/admin/staff?role=finance&active=true&limit=1')
      .set(bearer(t.adminToken))
      .expect(200);
    expect(page.body).toMatchObject({ page: 1, limit: 1 });
    expect(page.body.total).toBeGreaterThanOrEqual(1);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].roles).toContain('finance');
  });

  it('disabling an account stops its tokens at once, and re-enabling does not revive them', async () => {
    const agent = await t.staffWith(['agent']);
    await t.http.get('/api/v1/auth/me').set(bearer(agent.token)).expect(200);
    const disabled = await t.http
      .patch(`/api/v1/admin/staff/${agent.id}`)
      .set(bearer(t.adminToken))
      .send({ active: false })
      .expect(200);
    expect(disabled.body.active).toBe(false);
    expect(
      (await t.http.get('/api/v1/auth/me').set(bearer(agent.token)).expect(401)).body.code,
    ).toBe('INVALID_TOKEN');
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: agent.email, password: 'staff-password-1234' })
      .expect(401);
    await t.http
      .patch(`/api/v1/admin/staff/${agent.id}`)
      .set(bearer(t.adminToken))
      .send({ active: true })
      .expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(agent.token)).expect(401);
    const fresh = await t.login(agent.email, 'staff-password-1234');
    await t.http.get('/api/v1/auth/me').set(bearer(fresh)).expect(200);
  });

  it('role changes apply to existing tokens at once and are audited with before and after', async () => {
    const person = await t.staffWith(['agent']);
    await t.http.get('/api/v1/admin/audit').set(bearer(person.token)).expect(403);
    await t.http
      .patch(`/api/v1/admin/staff/${person.id}`)
      .set(bearer(t.adminToken))
      .send({ roles: ['agent', 'supervisor'], capacity: 5 })
      .expect(200);
    await t.http.get('/api/v1/admin/audit').set(bearer(person.token)).expect(200);
    const [record] = await t.db.query(
      "SELECT before, after FROM audit_log WHERE action = 'staff.updated' AND entity_id = $1",
      [person.id],
    );
    expect(record.before).toMatchObject({ roles: ['agent'], capacity: 20 });
    expect(record.after).toMatchObject({ roles: ['agent', 'supervisor'], capacity: 5 });
    expect(JSON.stringify(record)).not.toMatch(/argon2|password/i);
  });

  it('refuses to disable or demote the last active admin', async () => {
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(t.adminToken))).body;
    const response = await t.http
      .patch(`/api/v1/admin/staff/${me.id}`)
      .set(bearer(t.adminToken))
      .send({ roles: ['agent'] })
      .expect(409);
    expect(response.body.code).toBe('LAST_ADMIN');
    const second = await t.staffWith(['admin']);
    await t.http
      .patch(`/api/v1/admin/staff/${second.id}`)
      .set(bearer(t.adminToken))
      .send({ active: false })
      .expect(200);
    await t.http
      .patch(`/api/v1/admin/staff/${me.id}`)
      .set(bearer(t.adminToken))
      .send({ active: false })
      .expect(409);
  });

  it('answers 404 for an unknown staff id and 400 for a malformed one', async () => {
    const missing = await t.http
      .patch('/api/v1/admin/staff/00000000-0000-4000-8000-000000000000')
      .set(bearer(t.adminToken))
      .send({ capacity: 3 })
      .expect(404);
    expect(missing.body.code).toBe('STAFF_NOT_FOUND');
    const malformed = await t.http
      .get('/api/v1/admin/staff/not-a-uuid')
      .set(bearer(t.adminToken))
      .expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
  });

  describe('bad input is a 4xx with a code and changes nothing', () => {
    const valid = {
      email: 'valid@desk.test',
      password: 'valid-password-1',
      displayName: 'Valid',
      roles: ['agent'],
      skills: [],
    };
    const cases: [string, unknown, number, string][] = [
      ['unknown field', { ...valid, isAdmin: true }, 400, 'VALIDATION_FAILED'],
      ['bad e-mail', { ...valid, email: 'not-an-email' }, 400, 'VALIDATION_FAILED'],
      ['short password', { ...valid, password: 'short' }, 400, 'VALIDATION_FAILED'],
      ['unknown role', { ...valid, roles: ['root'] }, 400, 'VALIDATION_FAILED'],
      ['no roles', { ...valid, roles: [] }, 400, 'VALIDATION_FAILED'],
      ['role as string', { ...valid, roles: 'agent' }, 400, 'VALIDATION_FAILED'],
      [
        'bad skill',
        { ...valid, skills: ['Robert"); DROP TABLE staff;--'] },
        400,
        'VALIDATION_FAILED',
      ],
      ['capacity float', { ...valid, capacity: 1.5 }, 400, 'VALIDATION_FAILED'],
      ['capacity negative', { ...valid, capacity: -1 }, 400, 'VALIDATION_FAILED'],
      ['array body', [valid], 400, 'VALIDATION_FAILED'],
      ['missing everything', {}, 400, 'VALIDATION_FAILED'],
    ];
    it.each(cases)('%s', async (_name, body, status, code) => {
      const [staff, audit] = [await staffCount(), await auditCount()];
      const response = await t.http
        .post('/api/v1/admin/staff')
        .set(bearer(t.adminToken))
        .send(body as object)
        .expect(status);
      expect(response.body).toMatchObject({ statusCode: status, code });
      expect(typeof response.body.message).toBe('string');
      expect([await staffCount(), await auditCount()]).toEqual([staff, audit]);
    });

    it('malformed JSON → 400 MALFORMED_JSON', async () => {
      const response = await t.http
        .post('/api/v1/admin/staff')
        .set(bearer(t.adminToken))
        .set('Content-Type', 'application/json')
        .send('{"email": ')
        .expect(400);
      expect(response.body.code).toBe('MALFORMED_JSON');
    });

    it('a form body → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const response = await t.http
        .post('/api/v1/auth/login')
        .type('form')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
        .expect(415);
      expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('an oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
      const response = await t.http
        .post('/api/v1/admin/staff')
        .set(bearer(t.adminToken))
        .send({ ...valid, displayName: 'x'.repeat(200_000) })
        .expect(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('an empty PATCH, a wrong type and a bad list filter → 400', async () => {
      const agent = await t.staffWith(['agent']);
      await t.http
        .patch(`/api/v1/admin/staff/${agent.id}`)
        .set(bearer(t.adminToken))
        .send({})
        .expect(400);
      await t.http
        .patch(`/api/v1/admin/staff/${agent.id}`)
        .set(bearer(t.adminToken))
        .send({ active: 'no' })
        .expect(400);
      await t.http.get('/api/v1/admin/staff?limit=1000').set(bearer(t.adminToken)).expect(400);
      await t.http.get('/api/v1/admin/staff?active=maybe').set(bearer(t.adminToken)).expect(400);
      const login = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 42, password: ['x'] })
        .expect(400);
      expect(login.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
