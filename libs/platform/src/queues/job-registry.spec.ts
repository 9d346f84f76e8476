import { JobName, QueueName } from './queues.js';
import { registryProblems } from './job-registry.js';

const registry = { [QueueName.Maintenance]: [JobName.AuditVerify] };

describe('registryProblems', () => {
  it('is empty when every job has exactly one handler', () => {
    expect(registryProblems(registry, [{ queue: 'maintenance', job: 'audit.verify' }])).toEqual([]);
  });

  it('names jobs without handler, with two handlers, and handlers the registry does not know', () => {
    expect(registryProblems(registry, [])).toEqual(['job maintenance/audit.verify has no handler']);
    expect(
      registryProblems(registry, [
        { queue: 'maintenance', job: 'audit.verify' },
        { queue: 'maintenance', job: 'audit.verify' },
        { queue: 'maintenance', job: 'audit.verfy' },
      ]),
    ).toEqual([
      'job maintenance/audit.verify has 2 handlers',
      'handler for maintenance/audit.verfy is not in the job registry',
    ]);
  });

  it('covers every queue of the real registry', async () => {
    const { JOB_REGISTRY } = await import('./queues.js');
    expect(Object.keys(JOB_REGISTRY).sort()).toEqual(Object.values(QueueName).sort());
  });
});
