import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog, SYSTEM } from '@desk/audit';
import type { Tx } from '@desk/platform';
import { planAssignments } from './assignment.policy.js';
import { DutyRepository } from './duty.repository.js';
import { NotificationRepository } from './notification.repository.js';
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
    private readonly notifications: NotificationRepository,
    private readonly audit: AuditLog,
  ) {}

  /** Serialises assignment decisions until the caller's transaction ends. */
  async serialise(tx: Tx): Promise<void> {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('desk:assignment'))");
  }

  /** Gives a ticket to the best on-duty agent of its queue, or tells the on-call supervisor. */
  async assignOne(tx: Tx, ticket: TicketEntity, now: Date): Promise<void> {
    await this.assignNew(tx, [ticket], now);
  }

  /**
   * Hands new tickets out one by one to whoever is best placed at that moment (each assignment
   * counts towards the next choice); queues with tickets nobody could take tell the on-call
   * supervisor (once per queue until read).
   */
  async assignNew(tx: Tx, tickets: readonly TicketEntity[], now: Date): Promise<void> {
    if (tickets.length === 0) return;
    await this.serialise(tx);
    const queues = [...new Set(tickets.map((t) => t.queueKey))];
    const candidates = await this.duty.candidates(tx, queues, now);
    const plan = planAssignments(tickets, candidates, now, (ticket, candidate) =>
      candidate.queueKeys.includes(ticket.queueKey),
    );
    await this.applyMany(
      tx,
      plan.map((p) => ({ ticket: p.ticket, assigneeId: p.assigneeId })),
      SYSTEM,
      'auto',
      now,
    );
    const assigned = new Set(plan.map((p) => p.ticket.id));
    const waiting = new Map<string, TicketEntity>();
    for (const t of tickets)
      if (!assigned.has(t.id) && !waiting.has(t.queueKey)) waiting.set(t.queueKey, t);
    for (const [queueKey, first] of waiting)
      await this.notifier.queueUnstaffed(tx, now, queueKey, first.id);
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
    await this.applyMany(tx, plan, SYSTEM, 'auto', now);
    return plan.length;
  }

  /** Records one assignment (or unassignment) and returns the ticket as it now is. */
  async apply(
    tx: Tx,
    ticket: TicketEntity,
    assigneeId: string | null,
    actor: Actor,
    how: AssignmentHow,
    now: Date,
  ): Promise<TicketEntity> {
    await this.applyMany(tx, [{ ticket, assigneeId }], actor, how, now);
    return (await this.tickets.lockById(tx, ticket.id))!;
  }

  /**
   * Records assignments in a few statements whatever their number: assignee and time, `new`
   * becomes `assigned` (and an unassigned `assigned` goes back to `new`), an audit record each,
   * and a notification for each new owner (unless they took it themselves).
   */
  async applyMany(
    tx: Tx,
    assignments: readonly { ticket: TicketEntity; assigneeId: string | null }[],
    actor: Actor,
    how: AssignmentHow,
    now: Date,
  ): Promise<void> {
    if (assignments.length === 0) return;
    const changes = assignments.map(({ ticket, assigneeId }) => ({
      ticket,
      id: ticket.id,
      assigneeId,
      assignedAt: assigneeId ? now : ticket.assignedAt,
      status: assigneeId
        ? ticket.status === 'new'
          ? ('assigned' as const)
          : ticket.status
        : ticket.status === 'assigned'
          ? ('new' as const)
          : ticket.status,
    }));
    await this.tickets.assignMany(tx, changes);
    await this.audit.appendMany(
      tx,
      changes.map((c) => ({
        actor,
        action: c.assigneeId ? 'ticket.assigned' : 'ticket.unassigned',
        entityType: 'ticket',
        entityId: c.id,
        before: { assigneeId: c.ticket.assigneeId, status: c.ticket.status },
        after: { assigneeId: c.assigneeId, status: c.status, how },
      })),
    );
    if (how === 'claim') return;
    await this.notifications.insertMany(
      tx,
      changes
        .filter((c) => c.assigneeId)
        .map((c) => ({
          staffId: c.assigneeId!,
          kind: how === 'handover' ? ('ticket_handed_over' as const) : ('ticket_assigned' as const),
          title:
            how === 'handover'
              ? `Ticket handed over to you at a shift end (${c.ticket.priority}, queue ${c.ticket.queueKey})`
              : `New ticket for you (${c.ticket.priority}, queue ${c.ticket.queueKey})`,
          ticketId: c.id,
          data: { queueKey: c.ticket.queueKey, priority: c.ticket.priority },
        })),
    );
  }
}
