import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { eventually, startApi, type TestApp } from '../support/test-app.js';
import { spawnWorker, stopGracefully } from '../support/processes.js';

/** This drill's own Redis database: flushing it is a FLUSHALL for this desk and nobody else. */
const REDIS_URL = 'redis://127.0.0.1:6379/5';
const COMPLAINTS = 400;

describe('drill: Redis flushed in the middle of intake', () => {
  let t: TestApp;
  let worker: ChildProcess;

  beforeAll(async () => {
    t = await startApi({
      REDIS_URL,
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000000',
      SLA_SWEEP_INTERVAL_SECONDS: '1',
    });
    worker = spawnWorker(t.config);
  });
  afterAll(async () => {
    await stopGracefully(worker);
    await t.close();
    const redis = new Redis(REDIS_URL);
    await redis.flushdb();
    redis.disconnect();
  });

  it('loses no complaint: every acknowledged one is stored and triaged exactly once', async () => {
    const redis = new Redis(REDIS_URL);
    const acknowledged: string[] = [];
    let refused = 0;
    for (let wave = 0; wave < 20; wave++) {
      if (wave === 6 || wave === 13) await redis.flushdb(); // twice, while work is queued
      const responses = await Promise.all(
        Array.from({ length: COMPLAINTS / 20 }, (_, i) =>
          t.http.post('/api/v1/public/complaints').send({
            platformUserId: String(30_000_000 + wave * 1000 + i),
            contact: 'user@example.cn',
            description: `视频通话一直卡顿，声音断断续续（第${wave}批第${i}个）`,
          }),
        ),
      );
      for (const r of responses) {
        if (r.status === 201) acknowledged.push(r.body.id as string);
        else refused += 1;
      }
    }
    redis.disconnect();
    expect(refused).toBe(0);

    const triaged = await eventually(async () => {
      const [row] = await t.db.query(
        "SELECT count(*) FILTER (WHERE status <> 'received')::int AS done, count(*)::int AS n FROM complaints",
      );
      return row.done === acknowledged.length && row;
    }, 250);
    const [stored] = await t.db.query(
      'SELECT count(*)::int AS n FROM complaints WHERE id = ANY($1)',
      [acknowledged],
    );
    const [onceEach] = await t.db.query(
      `SELECT count(*)::int AS complaints, max(n)::int AS most FROM (
         SELECT entity_id, count(*) AS n FROM audit_log WHERE action = 'complaint.triaged' GROUP BY entity_id) x`,
    );
    const [tickets] = await t.db.query(
      `SELECT count(*)::int AS n FROM tickets t JOIN complaints c ON c.id = t.complaint_id WHERE c.status <> 'duplicate'`,
    );
    const [open] = await t.db.query(
      "SELECT count(*)::int AS n FROM complaints WHERE status <> 'duplicate'",
    );
    const audit = await t.http
      .get('/api/v1/admin/audit/verify')
      .set('Authorization', `Bearer ${t.adminToken}`);
    console.log(
      `drill redis-flush: ${acknowledged.length} acknowledged, ${stored.n} stored, ${triaged.done} triaged ` +
        `(each once: ${onceEach.most === 1}), ${tickets.n} tickets for ${open.n} non-duplicates, audit verify ${audit.body.ok}`,
    );
    expect(stored.n).toBe(acknowledged.length);
    expect(triaged.n).toBe(acknowledged.length);
    expect(onceEach).toEqual({ complaints: acknowledged.length, most: 1 });
    expect(tickets.n).toBe(open.n);
    expect(audit.body.ok).toBe(true);
  }, 180_000);
});
