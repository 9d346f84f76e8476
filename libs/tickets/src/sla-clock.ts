import { Injectable } from '@nestjs/common';
import { JobName, Outbox, QueueName, type Tx } from '@desk/platform';
import type { SlaClock } from './sla.policy.js';
import type { TicketEntity } from './ticket.entity.js';

/** The SLA view of a stored ticket. */
export function clockOf(ticket: TicketEntity): SlaClock & {
  escalationLevel: number;
  priority: TicketEntity['priority'];
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
} {
  return {
    status: ticket.status,
    priority: ticket.priority,
    escalationLevel: ticket.escalationLevel,
    targets: {
      firstResponseSeconds: ticket.slaFirstResponseSeconds,
      resolutionSeconds: ticket.slaResolutionSeconds,
    },
    firstResponseDueAt: ticket.firstResponseDueAt,
    resolutionDueAt: ticket.resolutionDueAt,
    firstRespondedAt: ticket.firstRespondedAt,
    pausedAt: ticket.pausedAt,
    firstResponseWarnedAt: ticket.firstResponseWarnedAt,
    firstResponseBreachedAt: ticket.firstResponseBreachedAt,
    resolutionWarnedAt: ticket.resolutionWarnedAt,
    resolutionBreachedAt: ticket.resolutionBreachedAt,
    resolvedAt: ticket.resolvedAt,
    closedAt: ticket.closedAt,
    reopenCount: ticket.reopenCount,
  };
}

/** The bull job id of a ticket's wake-up at an instant: the same timer armed twice is one job. */
export const slaJobKey = (ticketId: string, at: Date) => `sla:${ticketId}:${at.getTime()}`;

/**
 * Arms a ticket's next SLA wake-up through the outbox, so the timer exists exactly when the change
 * that set the deadline committed. A timer for a moved deadline still fires and finds nothing due.
 */
@Injectable()
export class SlaTimers {
  constructor(private readonly outbox: Outbox) {}

  async arm(tx: Tx, ...tickets: Pick<TicketEntity, 'id' | 'slaNextAt'>[]): Promise<void> {
    await this.outbox.add(
      tx,
      ...tickets
        .filter((t) => t.slaNextAt)
        .map((t) => ({
          queue: QueueName.Tickets,
          job: JobName.SlaCheck,
          payload: { ticketId: t.id },
          runAt: t.slaNextAt!,
          jobKey: slaJobKey(t.id, t.slaNextAt!),
        })),
    );
  }
}
