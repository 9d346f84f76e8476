import { Test } from '@nestjs/testing';
import { JobHandler, JobName, QueueConsumer, QueueName } from '@desk/platform';
import { JobRegistryCheck } from './job-registry.check.js';

@QueueConsumer(QueueName.Maintenance)
class CompleteConsumer {
  @JobHandler(JobName.AuditVerify)
  handle(): void {}
}

@QueueConsumer(QueueName.Triage)
class TriageConsumer {
  @JobHandler(JobName.TriageComplaint)
  handle(): void {}
}

@QueueConsumer(QueueName.Tickets)
class TicketsConsumer {
  @JobHandler(JobName.SlaCheck)
  check(): void {}

  @JobHandler(JobName.ShiftBoundary)
  boundary(): void {}
}

@QueueConsumer(QueueName.Maintenance)
class ConsumerWithoutHandlers {}

describe('JobRegistryCheck', () => {
  it('lets a worker with a handler for every registered job assemble', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [CompleteConsumer, TriageConsumer, TicketsConsumer, JobRegistryCheck],
    }).compile();
    expect(moduleRef.get(JobRegistryCheck)).toBeInstanceOf(JobRegistryCheck);
  });

  it('refuses to assemble a worker whose queue job has no handler, naming the job', async () => {
    await expect(
      Test.createTestingModule({
        providers: [ConsumerWithoutHandlers, TriageConsumer, TicketsConsumer, JobRegistryCheck],
      }).compile(),
    ).rejects.toThrow(/Worker refuses to start:[\s\S]*maintenance\/audit\.verify has no handler/);
  });

  it('refuses two handlers for one job', async () => {
    @QueueConsumer(QueueName.Maintenance)
    class Twin {
      @JobHandler(JobName.AuditVerify)
      handle(): void {}
    }
    await expect(
      Test.createTestingModule({
        providers: [CompleteConsumer, TriageConsumer, TicketsConsumer, Twin, JobRegistryCheck],
      }).compile(),
    ).rejects.toThrow(/has 2 handlers/);
  });
});
