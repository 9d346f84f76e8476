import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { JobName, QueueName } from '@desk/platform';
import { createSandbox, type Sandbox, startWorker } from './support/test-app.js';

describe('worker', () => {
  let sandbox: Sandbox;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    sandbox = await createSandbox();
    worker = await startWorker(sandbox.config);
    queue = worker.get<Queue>(getQueueToken(QueueName.Maintenance));
  });
  afterAll(async () => {
    await worker.close();
    await sandbox.drop();
  });

  it('schedules the hourly audit check once, however many workers declare it', async () => {
    const repeatable = await queue.getRepeatableJobs();
    expect(repeatable.filter((job) => job.name === JobName.AuditVerify)).toHaveLength(1);
  });

  it('runs the audit check from the queue and reports the chain intact', async () => {
    const job = await queue.add(JobName.AuditVerify, {});
    await expect(job.finished()).resolves.toEqual({ ok: true, checked: 0 });
  });

  it('reports a broken chain from the queue', async () => {
    await sandbox.db.query(
      "INSERT INTO audit_log (id, occurred_at, actor_kind, action, entity_type, entity_id, prev_hash, hash) VALUES (1, now(), 'system', 'forged', 'staff', 'x', repeat('0', 64), repeat('f', 64))",
    );
    const job = await queue.add(JobName.AuditVerify, {});
    await expect(job.finished()).resolves.toMatchObject({ ok: false, brokenAt: 1 });
  });
});
