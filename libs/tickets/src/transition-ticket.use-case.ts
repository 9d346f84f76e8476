import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import type { TicketView } from '@desk/complaints';
import { DomainError, JobName, Outbox, QueueName, Transactions, type Tx } from '@desk/platform';
import { Assignment } from './assignment.service.js';
import { clockOf, SlaTimers } from './sla-clock.js';
import { ticketNotFound } from './ticket-errors.js';
import { canTransition, isOpen, statusChanges } from './ticket-lifecycle.policy.js';
import type { TicketEntity } from './ticket.entity.js';
import { TicketRepository } from './ticket.repository.js';
import { ticketView } from './ticket.views.js';
import { TicketErrorCode, type TicketStatus } from './tickets.constants.js';

/**
 * Moves a ticket along its lifecycle. A move the contract does not allow is a 409 and changes
 * nothing. Pausing and resuming the SLA clock, stamps and timers go with the move; a ticket that
 * leaves someone's plate frees capacity for waiting work; a resolved one asks compensation
 * rules whether the user is owed something.
 */
@Injectable()
export class TransitionTicketUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly assignment: Assignment,
    private readonly timers: SlaTimers,
    private readonly audit: AuditLog,
    private readonly outbox: Outbox,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: Actor, id: string, to: TicketStatus): Promise<TicketView> {
    return this.transactions.run(async (tx) => {
      const ticket = await this.tickets.lockById(tx, id);
      if (!ticket) throw ticketNotFound();
      return ticketView(await this.move(tx, actor, ticket, to, new Date()));
    });
  }

  /** The move itself, for callers already holding the ticket's lock (the auto-close sweep). */
  async move(
    tx: Tx,
    actor: Actor,
    ticket: TicketEntity,
    to: TicketStatus,
    at: Date,
  ): Promise<TicketEntity> {
    if (!canTransition(ticket.status, to)) {
      throw DomainError.conflict(
        TicketErrorCode.TransitionNotAllowed,
        `A ticket cannot go from ${ticket.status} to ${to}`,
      );
    }
    if (to === 'assigned' && !ticket.assigneeId) {
      throw DomainError.conflict(
        TicketErrorCode.TicketUnassigned,
        'Nobody owns this ticket: claim or assign it',
      );
    }
    const updated = await this.tickets.update(
      tx,
      ticket.id,
      statusChanges(clockOf(ticket), to, at),
    );
    await this.audit.append(tx, {
      actor,
      action:
        ticket.status === 'resolved' && to === 'in_progress'
          ? 'ticket.reopened'
          : 'ticket.transitioned',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { status: ticket.status },
      after: { status: to },
    });
    await this.timers.arm(tx, updated);
    if (to === 'resolved') {
      // Compensation rules look at every resolved complaint (once per resolution).
      await this.outbox.add(tx, {
        queue: QueueName.Compensation,
        job: JobName.EvaluateCompensationRules,
        payload: { complaintId: ticket.complaintId },
        jobKey: `evaluate:${ticket.complaintId}:${updated.reopenCount}`,
      });
    }
    if (isOpen(ticket.status) && !isOpen(to))
      await this.assignment.distribute(tx, [ticket.queueKey], at);
    return updated;
  }
}
