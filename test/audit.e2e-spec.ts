import { startApi, type TestApp } from './support/test-app.js';

describe('audit trail', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const verify = async () =>
    (await t.http.get('/api/v1/admin/audit/verify').set(bearer(t.adminToken)).expect(200)).body;

  beforeAll(async () => {
    t = await startApi();
  });
  afterAll(() => t.close());

  it('records a change with actor, entity, after-image and the request id, in the same transaction', async () => {
    const me = (await t.http.get('/api/v1/auth/me').set(bearer(t.adminToken))).body;
    const created = await t.http
      .post('/api/v1/admin/staff')
      .set(bearer(t.adminToken))
      .set('X-Request-Id', 'req-audit-1')
      .send({
        email: 'audited@desk.test',
        password: 'audited-password',
        displayName: 'Audited',
        roles: ['finance'],
        skills: [],
      })
      .expect(201);
    const list = await t.http
      .get(`/api/v1/admin/audit?entityType=staff&entityId=${created.body.id}`)
      .set(bearer(t.adminToken))
      .expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      action: 'staff.created',
      actorKind: 'staff',
      actorId: me.id,
      entityType: 'staff',
      entityId: created.body.id,
      requestId: 'req-audit-1',
      before: null,
      after: { email: 'audited@desk.test', roles: ['finance'] },
    });
    expect(list.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const byActor = await t.http
      .get(`/api/v1/admin/audit?actor=${me.id}&action=staff.created`)
      .set(bearer(t.adminToken))
      .expect(200);
    expect(byActor.body.items.map((i: { entityId: string }) => i.entityId)).toContain(
      created.body.id,
    );
    const future = await t.http
      .get('/api/v1/admin/audit?from=2099-01-01T00:00:00Z')
      .set(bearer(t.adminToken))
      .expect(200);
    expect(future.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects bad filters with 400', async () => {
    await t.http.get('/api/v1/admin/audit?actor=someone').set(bearer(t.adminToken)).expect(400);
    await t.http.get('/api/v1/admin/audit?from=yesterday').set(bearer(t.adminToken)).expect(400);
    await t.http
      .get('/api/v1/admin/audit?entityType=Staff;DROP')
      .set(bearer(t.adminToken))
      .expect(400);
    await t.http.get('/api/v1/admin/audit?bogus=1').set(bearer(t.adminToken)).expect(400);
  });

  it('keeps one gapless chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.http
          .post('/api/v1/admin/staff')
          .set(bearer(t.adminToken))
          .send({
            email: `parallel-${i}@desk.test`,
            password: 'parallel-password',
            displayName: `P${i}`,
            roles: ['agent'],
            skills: [],
          })
          .expect(201),
      ),
    );
    const ids = (await t.db.query('SELECT id FROM audit_log ORDER BY id')).map(
      (r: { id: string }) => Number(r.id),
    );
    expect(ids).toEqual(ids.map((_: number, i: number) => i + 1));
    expect(await verify()).toEqual({ ok: true, checked: ids.length });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    await expect(t.db.query("UPDATE audit_log SET action = 'x' WHERE id = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.db.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('names the first tampered record when the trigger is bypassed', async () => {
    const { checked } = await verify();
    const target = Math.max(2, checked - 3);
    const runner = t.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      await runner.query(
        `UPDATE audit_log SET after = jsonb_set(after, '{roles}', '["admin"]') WHERE id = $1`,
        [target],
      );
      await runner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
    } finally {
      await runner.release();
    }
    expect(await verify()).toEqual({
      ok: false,
      checked,
      brokenAt: target,
      reason: 'record content does not match its hash',
    });
  });
});
