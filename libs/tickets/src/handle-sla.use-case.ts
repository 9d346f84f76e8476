import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { Transactions } from '@desk/platform';
import { Notifier } from './notifier.service.js';
import { clockOf, SlaTimers } from './sla-clock.js';
import { dueEvents, type SlaEvent, slaEventChanges } from './sla.policy.js';
import { TicketRepository } from './ticket.repository.js';

const label = (e: SlaEvent) => (e.clock === 'first_response' ? 'first response' : 'resolution');

/**
 * Acts on a ticket's due SLA events: a warning tells the owner (or the on-call supervisor when
 * nobody owns it); a breach escalates one level, raises the priority one step and tells the owner
 * and the on-call supervisor, with an audit record. Idempotent: the stamps on the ticket say what
 * was handled, so a timer that fires twice, late, or after the sweeper got there does nothing.
 */
@Injectable()
export class HandleSlaUseCase {
  private readonly logger = new Logger('Sla');

  constructor(
    private readonly tickets: TicketRepository,
    private readonly notifier: Notifier,
    private readonly timers: SlaTimers,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  /** Returns the events handled (none when the ticket is busy elsewhere or nothing is due). */
  execute(ticketId: string, now = new Date()): Promise<SlaEvent[]> {
    return this.transactions.run(async (tx) => {
      const ticket = await this.tickets.tryLock(tx, ticketId);
      if (!ticket) return [];
      const clock = clockOf(ticket);
      const events = dueEvents(clock, now);
      if (events.length === 0) {
        // A stale wake-up (the deadline moved): keep the index honest and re-arm the real one.
        const updated = await this.tickets.update(tx, ticket.id, {
          slaNextAt: slaEventChanges(clock, [], now).slaNextAt,
        });
        if (updated.slaNextAt?.getTime() !== ticket.slaNextAt?.getTime())
          await this.timers.arm(tx, updated);
        return [];
      }
      const changes = slaEventChanges(clock, events, now);
      const updated = await this.tickets.update(tx, ticket.id, changes);
      for (const event of events) {
        if (event.stage === 'warning') {
          const n = {
            kind: 'sla_warning' as const,
            title: `SLA warning: ${label(event)} due ${
              event.clock === 'first_response'
                ? ticket.firstResponseDueAt.toISOString()
                : ticket.resolutionDueAt.toISOString()
            } (${ticket.priority}, queue ${ticket.queueKey})`,
            ticketId: ticket.id,
            data: { clock: event.clock, queueKey: ticket.queueKey },
          };
          if (ticket.assigneeId) await this.notifier.toStaff(tx, [ticket.assigneeId], n);
          else await this.notifier.toOnCall(tx, now, n);
          continue;
        }
        await this.audit.append(tx, {
          actor: SYSTEM,
          action: 'ticket.sla_breached',
          entityType: 'ticket',
          entityId: ticket.id,
          before: { priority: ticket.priority, escalationLevel: ticket.escalationLevel },
          after: {
            clock: event.clock,
            priority: updated.priority,
            escalationLevel: updated.escalationLevel,
          },
        });
        const n = {
          kind: 'sla_breach' as const,
          title: `SLA breached: ${label(event)} (now ${updated.priority}, escalation ${updated.escalationLevel}, queue ${ticket.queueKey})`,
          ticketId: ticket.id,
          data: {
            clock: event.clock,
            queueKey: ticket.queueKey,
            escalationLevel: updated.escalationLevel,
          },
        };
        await this.notifier.toOnCall(tx, now, n, ticket.assigneeId);
        this.logger.warn(`ticket ${ticket.id} breached its ${label(event)} SLA`);
      }
      await this.timers.arm(tx, updated);
      return events;
    });
  }
}
