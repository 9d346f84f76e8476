import { JobHandler, JobName, QueueConsumer, QueueName } from '@desk/platform';
import type { Job } from 'bull';
import { HandleShiftBoundaryUseCase, type ShiftEdge } from './handle-shift-boundary.use-case.js';
import { HandleSlaUseCase } from './handle-sla.use-case.js';
import type { SlaEvent } from './sla.policy.js';

/** Bull timers of the tickets domain: SLA wake-ups and shift starts/ends. */
@QueueConsumer(QueueName.Tickets)
export class TicketTimersProcessor {
  constructor(
    private readonly sla: HandleSlaUseCase,
    private readonly shifts: HandleShiftBoundaryUseCase,
  ) {}

  @JobHandler(JobName.SlaCheck, 4)
  check(job: Job<{ ticketId: string }>): Promise<SlaEvent[]> {
    return this.sla.execute(job.data.ticketId);
  }

  @JobHandler(JobName.ShiftBoundary)
  boundary(job: Job<{ shiftId: string; edge: ShiftEdge }>): Promise<number | null> {
    return this.shifts.execute(job.data.shiftId, job.data.edge);
  }
}
