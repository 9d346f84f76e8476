import { Test } from '@nestjs/testing';
import { JOB_REGISTRY, JobHandler, JobName, QueueConsumer, QueueName } from '@desk/platform';
import { JobRegistryCheck } from './job-registry.check.js';

/** A consumer of one queue with a handler for each of the given jobs, built like a real one. */
function consumerFor(queue: QueueName, jobs: readonly JobName[]) {
  class Consumer {}
  for (const job of jobs) {
    const name = `handle ${job}`;
    Object.defineProperty(Consumer.prototype, name, { value() {}, writable: true });
    JobHandler(job)(
      Consumer.prototype,
      name,
      Object.getOwnPropertyDescriptor(Consumer.prototype, name)!,
    );
  }
  QueueConsumer(queue)(Consumer);
  return Consumer;
}

/** One consumer per queue of the real registry, each handling every job of its queue. */
const complete = () =>
  (Object.entries(JOB_REGISTRY) as [QueueName, readonly JobName[]][]).map(([queue, jobs]) =>
    consumerFor(queue, jobs),
  );

describe('JobRegistryCheck', () => {
  it('lets a worker with a handler for every registered job assemble', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [...complete(), JobRegistryCheck],
    }).compile();
    expect(moduleRef.get(JobRegistryCheck)).toBeInstanceOf(JobRegistryCheck);
  });

  it('refuses to assemble a worker whose queue job has no handler, naming the job', async () => {
    const withoutAudit = (Object.entries(JOB_REGISTRY) as [QueueName, readonly JobName[]][]).map(
      ([queue, jobs]) =>
        consumerFor(
          queue,
          jobs.filter((j) => j !== JobName.AuditVerify),
        ),
    );
    await expect(
      Test.createTestingModule({ providers: [...withoutAudit, JobRegistryCheck] }).compile(),
    ).rejects.toThrow(/Worker refuses to start:[\s\S]*maintenance\/audit\.verify has no handler/);
  });

  it('refuses two handlers for one job', async () => {
    const twin = consumerFor(QueueName.Maintenance, [JobName.AuditVerify]);
    await expect(
      Test.createTestingModule({ providers: [...complete(), twin, JobRegistryCheck] }).compile(),
    ).rejects.toThrow(/has 2 handlers/);
  });
});
