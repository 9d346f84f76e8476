import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog, SYSTEM } from '@desk/audit';
import type { Tx } from '@desk/platform';
import { pickAssignee, planAssignments } from './assignment.policy.js';
import { DutyRepository } from './duty.repository.js';
import { Notifier } from './notifier.service.js';
import type { TicketEntity } from './ticket.entity.js';
import { TicketRepository } from './ticket.repository.js';

export type AssignmentHow = 'auto' | 'claim' | 'manual' | 'handover';

/** Waiting tickets handed out per call (shift start, freed capacity); the rest wait for the next. */
const DISTRIBUTE_BATCH = 200;

/**
 * Hands tickets to on-duty agents. Every decision takes one transaction-scoped advisory lock, so
 * two tickets opening at once cannot both see the same agent's spare capacity.
 */
@Injectable()
export class Assignment {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly duty: DutyRepository,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
  ) {}

  /** Serialises assignment decisions until the caller's transaction ends. */
  async serialise(tx: Tx): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('desk:assignment'))");
  }

  /** Gives a ticket to the best on-duty agent of its queue, or tells the on-call supervisor. */
  async assignOne(tx: Tx, ticket: TicketEntity, now: Date): Promise<TicketEntity> {
    await this.serialise(tx);
    const chosen = pickAssignee(await this.duty.candidates(tx, [ticket.queueKey], now));
    if (!chosen) {
      await this.notifier.queueUnstaffed(tx, now, ticket.queueKey, ticket.id);
      return ticket;
    }
    return this.apply(tx, ticket, chosen.id, SYSTEM, 'auto', now);
  }

  /** Hands out waiting tickets of these queues to whoever is on duty with room. */
  async distribute(tx: Tx, queueKeys: readonly string[], now: Date): Promise<number> {
    if (queueKeys.length === 0) return 0;
    await this.serialise(tx);
    const waiting = await this.tickets.waiting(tx, queueKeys, DISTRIBUTE_BATCH);
    if (waiting.length === 0) return 0;
    const candidates = await this.duty.candidates(tx, queueKeys, now);
    const plan = planAssignments(waiting, candidates, now, (ticket, candidate) =>
      candidate.queueKeys.includes(ticket.queueKey),
    );
    for (const { ticket, assigneeId } of plan)
      await this.apply(tx, ticket, assigneeId, SYSTEM, 'auto', now);
    return plan.length;
  }

  /**
   * Records an assignment: assignee and time, `new` becomes `assigned`, an audit record, and a
   * notification for the new owner (unless they took it themselves).
   */
  async apply(
    tx: Tx,
    ticket: TicketEntity,
    assigneeId: string | null,
    actor: Actor,
    how: AssignmentHow,
    now: Date,
  ): Promise<TicketEntity> {
    const status = assigneeId
      ? ticket.status === 'new'
        ? 'assigned'
        : ticket.status
      : ticket.status === 'assigned'
        ? 'new'
        : ticket.status;
    const updated = await this.tickets.update(tx, ticket.id, {
      assigneeId,
      assignedAt: assigneeId ? now : ticket.assignedAt,
      status,
    });
    await this.audit.append(tx, {
      actor,
      action: assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { assigneeId: ticket.assigneeId, status: ticket.status },
      after: { assigneeId, status, how },
    });
    if (assigneeId && how !== 'claim') {
      await this.notifier.toStaff(tx, [assigneeId], {
        kind: how === 'handover' ? 'ticket_handed_over' : 'ticket_assigned',
        title:
          how === 'handover'
            ? `Ticket handed over to you at a shift end (${ticket.priority}, queue ${ticket.queueKey})`
            : `New ticket for you (${ticket.priority}, queue ${ticket.queueKey})`,
        ticketId: ticket.id,
        data: { queueKey: ticket.queueKey, priority: ticket.priority },
      });
    }
    return updated;
  }
}
