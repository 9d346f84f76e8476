import { InjectQueue } from '@nestjs/bull';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SYSTEM } from '@desk/audit';
import { AppConfig, JobName, PeriodicTask, QueueName, Transactions } from '@desk/platform';
import type { Queue } from 'bull';
import { DutyRepository } from './duty.repository.js';
import { HandleShiftBoundaryUseCase } from './handle-shift-boundary.use-case.js';
import { HandleSlaUseCase } from './handle-sla.use-case.js';
import { slaJobKey } from './sla-clock.js';
import { ROSTER_HORIZON_DAYS, ShiftTimers } from './shift-timers.js';
import { TicketRepository } from './ticket.repository.js';
import { REOPEN_WINDOW_DAYS } from './tickets.constants.js';
import { TransitionTicketUseCase } from './transition-ticket.use-case.js';

const BATCH = 500;
const DAY_MS = 86_400_000;

/**
 * The safety net under bull's timers, run by every worker on a plain interval (not a Redis job, so
 * a flushed Redis cannot take it away). Each pass handles SLA events and shift boundaries that are
 * due but were not handled (their timer was lost), re-arms timers due before the next pass, writes
 * rosters out ahead, and closes resolved tickets the user left alone for the reopen window. Every
 * step is idempotent and row-locked, so several workers sweeping at once do no harm.
 */
@Injectable()
export class TicketSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TicketSweeper');
  private readonly task = new PeriodicTask(this.logger, 'sweep', () => this.sweep());

  constructor(
    private readonly config: AppConfig,
    private readonly tickets: TicketRepository,
    private readonly duty: DutyRepository,
    private readonly sla: HandleSlaUseCase,
    private readonly boundaries: HandleShiftBoundaryUseCase,
    private readonly shiftTimers: ShiftTimers,
    private readonly transition: TransitionTicketUseCase,
    private readonly transactions: Transactions,
    @InjectQueue(QueueName.Tickets) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000);
    void this.task.run();
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  async sweep(now = new Date()): Promise<void> {
    for (const id of await this.tickets.slaDue(now, BATCH)) await this.sla.execute(id, now);
    for (const { id, edge } of await this.duty.boundariesDue(now, BATCH))
      await this.boundaries.execute(id, edge, now);
    await this.extendRosters(now);
    await this.closeStale(now);
    await this.rearm(now);
  }

  private async extendRosters(now: Date): Promise<void> {
    const horizon = new Date(now.getTime() + ROSTER_HORIZON_DAYS * DAY_MS);
    await this.transactions.run(async (tx) => {
      for (const roster of await this.duty.rostersToExtend(tx, horizon, 50))
        await this.shiftTimers.materialize(tx, roster, horizon);
    });
  }

  private async closeStale(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - REOPEN_WINDOW_DAYS * DAY_MS);
    for (const id of await this.tickets.resolvedBefore(cutoff, BATCH)) {
      await this.transactions.run(async (tx) => {
        const ticket = await this.tickets.tryLock(tx, id);
        if (ticket?.status === 'resolved')
          await this.transition.move(tx, SYSTEM, ticket, 'closed', now);
      });
    }
  }

  /** Timers due before the next pass, added again; bull keeps one job per id. */
  private async rearm(now: Date): Promise<void> {
    const until = new Date(now.getTime() + 2 * this.config.SLA_SWEEP_INTERVAL_SECONDS * 1000);
    const upcoming = await this.tickets.slaUpcoming(now, until, BATCH);
    if (upcoming.length === 0) return;
    await this.queue
      .addBulk(
        upcoming.map(({ id, at }) => ({
          name: JobName.SlaCheck,
          data: { ticketId: id },
          opts: { jobId: slaJobKey(id, at), delay: Math.max(0, at.getTime() - Date.now()) },
        })),
      )
      .catch((error: Error) => this.logger.warn(`could not re-arm SLA timers: ${error.message}`));
  }
}
