import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { signature } from '../libs/compensation/src/entitlement-webhook.js';
import { eventually, startApi, startWorker, type TestApp } from './support/test-app.js';

const SECRET = 'webhook-secret-for-tests-0123456789';

/**
 * A stand-in for the platform's entitlement service: it checks the signature, applies each
 * Idempotency-Key once, and fails on purpose while told to.
 */
class Receiver {
  readonly calls: { key: string; body: Record<string, unknown>; signed: boolean }[] = [];
  readonly effects = new Map<string, Record<string, unknown>>();
  failuresLeft = new Map<string, number>();
  private server!: Server;
  url!: string;

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) => void this.handle(req, res.writeHead.bind(res), res.end.bind(res)),
    );
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/grants`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(
    req: IncomingMessage,
    writeHead: (status: number) => unknown,
    end: (body?: string) => unknown,
  ): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const key = String(req.headers['idempotency-key']);
    const body = JSON.parse(raw) as Record<string, unknown>;
    const signed =
      req.headers['x-desk-signature'] ===
      signature(SECRET, String(req.headers['x-desk-timestamp']), raw);
    this.calls.push({ key, body, signed });
    const user = String(body.platformUserId);
    const left = this.failuresLeft.get(user) ?? 0;
    if (left > 0) {
      this.failuresLeft.set(user, left - 1);
      writeHead(503);
      end('busy');
      return;
    }
    if (!this.effects.has(key)) this.effects.set(key, body);
    writeHead(200);
    end('{"ok":true}');
  }
}

describe('fulfilment through the entitlement webhook', () => {
  const receiver = new Receiver();
  let t: TestApp;
  let worker: INestApplicationContext;
  let agent: { id: string; token: string };
  let supervisor: { id: string; token: string };
  let userSeq = 70000000;
  const bearer = (token = t.adminToken) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    await receiver.start();
    t = await startApi({
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '1000',
      FULFILMENT_PROVIDER: 'webhook',
      FULFILMENT_WEBHOOK_URL: receiver.url,
      FULFILMENT_WEBHOOK_SECRET: SECRET,
      FULFILMENT_BACKOFF_MS: '100',
      FULFILMENT_MAX_ATTEMPTS: '4',
    });
    worker = await startWorker(t.config);
    agent = await t.staffWith(['agent']);
    supervisor = await t.staffWith(['supervisor']);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await receiver.stop();
  });

  /** Files a complaint and grants on it; the receiver fails the user's first `failures` deliveries. */
  async function grant(memberDays: number, failures: number) {
    const platformUserId = String(++userSeq);
    // Set before the grant exists: the worker may deliver before the grant's response arrives.
    receiver.failuresLeft.set(platformUserId, failures);
    const filed = await t.http
      .post('/api/v1/public/complaints')
      .send({
        platformUserId,
        contact: 'user@example.cn',
        description: '视频通话一直卡顿，声音断断续续',
      })
      .expect(201);
    const proposal = await t.http
      .post('/api/v1/admin/compensations')
      .set(bearer(agent.token))
      .send({ complaintId: filed.body.id, memberDays, qCoins: 0, reason: 'Calls broke all week' })
      .expect(201);
    return { platformUserId, proposal: proposal.body as { id: string; status: string } };
  }

  const status = async (id: string) =>
    (await t.http.get(`/api/v1/admin/compensations/${id}`).set(bearer(agent.token)).expect(200))
      .body;

  it('survives two failures and delivers exactly one effect', async () => {
    const { platformUserId, proposal } = await grant(5, 2); // within auto-approval
    expect(proposal.status).toBe('posted');
    const done = await eventually(async () => {
      const c = await status(proposal.id);
      return c.status === 'fulfilled' && c;
    });
    expect(done.fulfilmentAttempts).toBe(3);
    const calls = receiver.calls.filter((c) => c.body.platformUserId === platformUserId);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.key))).toEqual(new Set([`compensation:${proposal.id}`]));
    expect(calls.every((c) => c.signed)).toBe(true);
    const effects = [...receiver.effects.values()].filter(
      (e) => e.platformUserId === platformUserId,
    );
    expect(effects).toEqual([
      expect.objectContaining({ memberDays: 5, qCoins: 0, compensationId: proposal.id }),
    ]);
    // The ledger holds the grant once, whatever the number of deliveries.
    const [{ n }] = await t.db.query(
      'SELECT count(*)::int AS n FROM ledger_transfers WHERE compensation_id = $1',
      [proposal.id],
    );
    expect(n).toBe(1);
  });

  it('fails after the last attempt with a dead letter and a notice, and a person can retry it', async () => {
    const { platformUserId, proposal } = await grant(6, 100);
    const failed = await eventually(async () => {
      const c = await status(proposal.id);
      return c.status === 'failed' && c;
    });
    expect(failed).toMatchObject({
      fulfilmentAttempts: 4,
      lastError: expect.stringContaining('503'),
    });
    const letters = await t.db.query(
      'SELECT attempts FROM fulfilment_dead_letters WHERE compensation_id = $1',
      [proposal.id],
    );
    expect(letters).toEqual([{ attempts: 4 }]);
    const notices = await t.http
      .get('/api/v1/admin/notifications')
      .set(bearer(supervisor.token))
      .expect(200);
    expect(notices.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'fulfilment_failed',
          data: { compensationId: proposal.id },
        }),
      ]),
    );

    receiver.failuresLeft.set(platformUserId, 0);
    await t.http
      .post(`/api/v1/admin/compensations/${proposal.id}/retry-fulfilment`)
      .set(bearer(agent.token))
      .expect(403);
    const retried = await t.http
      .post(`/api/v1/admin/compensations/${proposal.id}/retry-fulfilment`)
      .set(bearer(supervisor.token))
      .expect(200);
    expect(retried.body.status).toBe('posted');
    await eventually(async () => (await status(proposal.id)).status === 'fulfilled');
    await t.http
      .post(`/api/v1/admin/compensations/${proposal.id}/retry-fulfilment`)
      .set(bearer(supervisor.token))
      .expect(409);
    const effects = [...receiver.effects.values()].filter(
      (e) => e.platformUserId === platformUserId,
    );
    expect(effects).toHaveLength(1);
  });
});
