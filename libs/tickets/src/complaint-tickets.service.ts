import { Injectable } from '@nestjs/common';
import { AuditLog, PUBLIC, SYSTEM } from '@desk/audit';
import {
  type ComplaintEntity,
  type PublicStatus,
  TicketPort,
  type TicketView,
} from '@desk/complaints';
import type { Tx } from '@desk/platform';
import { Assignment } from './assignment.service.js';
import { Notifier } from './notifier.service.js';
import { QueueRepository } from './queue.repository.js';
import { routeTicket } from './routing.policy.js';
import { clockOf, SlaTimers } from './sla-clock.js';
import { DEFAULT_SLA_TARGETS, deadlines, nextWakeUp, type Priority } from './sla.policy.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { afterUserReply, publicTicketStatus, statusChanges } from './ticket-lifecycle.policy.js';
import { TicketRepository } from './ticket.repository.js';
import { ticketView } from './ticket.views.js';
import { REOPEN_WINDOW_DAYS } from './tickets.constants.js';

/** Complaints reach their ticket through here (it is the complaints library's TicketPort). */
@Injectable()
export class ComplaintTickets extends TicketPort {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly queues: QueueRepository,
    private readonly slaPolicies: SlaPolicyRepository,
    private readonly assignment: Assignment,
    private readonly timers: SlaTimers,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
  ) {
    super();
  }

  /**
   * Routes, starts the SLA clock and assigns, all in the triage transaction and set-based: a batch
   * of complaints costs a handful of statements, not a handful each.
   */
  async openMany(tx: Tx, complaints: readonly ComplaintEntity[]): Promise<void> {
    if (complaints.length === 0) return;
    const now = new Date();
    const queues = await this.queues.all(tx);
    const policies = new Map((await this.slaPolicies.all(tx)).map((p) => [p.priority, p]));
    const drafts = complaints.map((complaint) => {
      const category = complaint.category ?? 'other';
      const priority = (complaint.priority ?? 'P4') as Priority;
      const policy = policies.get(priority);
      const targets = policy
        ? {
            firstResponseSeconds: policy.firstResponseSeconds,
            resolutionSeconds: policy.resolutionSeconds,
          }
        : DEFAULT_SLA_TARGETS[priority];
      const due = deadlines(now, targets);
      return {
        complaintId: complaint.id,
        queueKey: routeTicket(queues, { category, priority }),
        status: 'new' as const,
        priority,
        category,
        slaFirstResponseSeconds: targets.firstResponseSeconds,
        slaResolutionSeconds: targets.resolutionSeconds,
        ...due,
        slaNextAt: nextWakeUp({
          status: 'new',
          targets,
          ...due,
          firstRespondedAt: null,
          pausedAt: null,
          firstResponseWarnedAt: null,
          firstResponseBreachedAt: null,
          resolutionWarnedAt: null,
          resolutionBreachedAt: null,
        }),
        createdAt: now,
      };
    });
    const tickets = await this.tickets.insertManyIfAbsent(tx, drafts);
    if (tickets.length === 0) return;
    await this.audit.appendMany(
      tx,
      tickets.map((t) => ({
        actor: SYSTEM,
        action: 'ticket.opened',
        entityType: 'ticket',
        entityId: t.id,
        after: {
          complaintId: t.complaintId,
          queueKey: t.queueKey,
          priority: t.priority,
          category: t.category,
          firstResponseDueAt: t.firstResponseDueAt,
          resolutionDueAt: t.resolutionDueAt,
        },
      })),
    );
    await this.assignment.assignNew(tx, tickets, now);
    await this.timers.arm(tx, ...tickets);
  }

  /** A corrected category or priority follows onto the ticket; unclaimed work is re-routed. */
  async recategorized(tx: Tx, complaint: ComplaintEntity): Promise<void> {
    const ticket = await this.tickets.lockByComplaintId(tx, complaint.id);
    if (!ticket || !complaint.category || !complaint.priority) return;
    const category = complaint.category;
    const priority = complaint.priority as Priority;
    const reroute = ticket.assigneeId === null && ticket.status === 'new';
    const queueKey = reroute
      ? routeTicket(await this.queues.all(tx), { category, priority })
      : ticket.queueKey;
    const updated = await this.tickets.update(tx, ticket.id, { category, priority, queueKey });
    await this.audit.append(tx, {
      actor: SYSTEM,
      action: 'ticket.recategorized',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { category: ticket.category, priority: ticket.priority, queueKey: ticket.queueKey },
      after: { category, priority, queueKey },
    });
    if (queueKey !== ticket.queueKey) await this.assignment.assignOne(tx, updated, new Date());
  }

  /** The user answered: work resumes, or a recently resolved ticket reopens for its owner. */
  async userReplied(tx: Tx, complaint: ComplaintEntity, at: Date): Promise<void> {
    const ticket = await this.tickets.lockByComplaintId(
      tx,
      complaint.duplicateOfId ?? complaint.id,
    );
    if (!ticket) return;
    const next = afterUserReply(ticket, at, REOPEN_WINDOW_DAYS);
    if (!next) return;
    const changes = statusChanges(clockOf(ticket), next, at);
    const updated = await this.tickets.update(tx, ticket.id, changes);
    const reopened = ticket.status === 'resolved';
    await this.audit.append(tx, {
      actor: PUBLIC,
      action: reopened ? 'ticket.reopened' : 'ticket.transitioned',
      entityType: 'ticket',
      entityId: ticket.id,
      before: { status: ticket.status },
      after: { status: next, reason: 'user replied' },
    });
    await this.notifier.toStaff(tx, [ticket.assigneeId], {
      kind: 'ticket_reopened',
      title: reopened ? 'The user replied: ticket reopened' : 'The user replied: back to work',
      ticketId: ticket.id,
    });
    await this.timers.arm(tx, updated);
  }

  async rated(tx: Tx, complaint: ComplaintEntity, rating: number): Promise<void> {
    const ticket = await this.tickets.lockByComplaintId(tx, complaint.id);
    if (ticket) await this.tickets.update(tx, ticket.id, { satisfactionRating: rating });
  }

  async ticketOf(complaintId: string): Promise<TicketView | null> {
    const ticket = await this.tickets.findByComplaintId(complaintId);
    return ticket ? ticketView(ticket) : null;
  }

  async publicStatus(complaint: ComplaintEntity): Promise<PublicStatus> {
    const ticket = await this.tickets.findByComplaintId(complaint.duplicateOfId ?? complaint.id);
    return ticket ? publicTicketStatus(ticket.status) : 'received';
  }
}
