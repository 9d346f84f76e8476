import { Injectable } from '@nestjs/common';
import { type Actor } from '@desk/audit';
import type { TicketView } from '@desk/complaints';
import { DomainError, Transactions } from '@desk/platform';
import { Assignment } from './assignment.service.js';
import { DutyRepository } from './duty.repository.js';
import { ticketClosed, ticketNotFound } from './ticket-errors.js';
import { TicketRepository } from './ticket.repository.js';
import { ticketView } from './ticket.views.js';
import { TicketErrorCode } from './tickets.constants.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

/** An agent takes an unowned ticket; taking one's own again changes nothing. */
@Injectable()
export class ClaimTicketUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly assignment: Assignment,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: StaffActor, id: string): Promise<TicketView> {
    return this.transactions.run(async (tx) => {
      const ticket = await this.tickets.lockById(tx, id);
      if (!ticket) throw ticketNotFound();
      if (ticket.status === 'closed') throw ticketClosed();
      if (ticket.assigneeId === actor.id) return ticketView(ticket);
      if (ticket.assigneeId) {
        throw DomainError.conflict(
          TicketErrorCode.AlreadyAssigned,
          'Someone else owns this ticket; a supervisor or agent can reassign it',
        );
      }
      return ticketView(
        await this.assignment.apply(tx, ticket, actor.id, actor, 'claim', new Date()),
      );
    });
  }
}

/** Gives a ticket to a named agent (manual assignment, audited; capacity is the assigner's call). */
@Injectable()
export class AssignTicketUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly duty: DutyRepository,
    private readonly assignment: Assignment,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: StaffActor, id: string, agentId: string): Promise<TicketView> {
    return this.transactions.run(async (tx) => {
      const ticket = await this.tickets.lockById(tx, id);
      if (!ticket) throw ticketNotFound();
      if (ticket.status === 'closed') throw ticketClosed();
      const agent = await this.duty.staff(agentId, tx);
      if (!agent?.active || !agent.roles.some((r) => r === 'agent' || r === 'supervisor')) {
        throw DomainError.invalid(
          TicketErrorCode.AssigneeNotEligible,
          'agentId must be an active agent or supervisor',
        );
      }
      if (ticket.assigneeId === agentId) return ticketView(ticket);
      const how = agentId === actor.id ? 'claim' : 'manual';
      return ticketView(await this.assignment.apply(tx, ticket, agentId, actor, how, new Date()));
    });
  }
}
