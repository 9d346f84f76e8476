import { SYSTEM } from '@desk/audit';
import { JobHandler, JobName, QueueConsumer, QueueName } from '@desk/platform';
import type { Job } from 'bull';
import { FulfilCompensationUseCase } from './fulfil-compensation.use-case.js';
import { RuleProposals } from './rules.use-cases.js';

/** Compensation work in the worker: rule proposals when a ticket is resolved, and delivery. */
@QueueConsumer(QueueName.Compensation)
export class CompensationProcessor {
  constructor(
    private readonly rules: RuleProposals,
    private readonly fulfilment: FulfilCompensationUseCase,
  ) {}

  @JobHandler(JobName.EvaluateCompensationRules, 2)
  async evaluate(job: Job<{ complaintId: string }>): Promise<number> {
    return (await this.rules.apply(SYSTEM, job.data.complaintId)).length;
  }

  @JobHandler(JobName.FulfilCompensation, 4)
  fulfil(job: Job<{ compensationId: string }>): Promise<string> {
    return this.fulfilment.execute(job.data.compensationId);
  }
}
