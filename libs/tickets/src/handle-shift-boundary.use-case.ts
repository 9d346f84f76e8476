import { Injectable } from '@nestjs/common';
import { SYSTEM } from '@desk/audit';
import { ComplaintRepository } from '@desk/complaints';
import { Transactions } from '@desk/platform';
import { planAssignments } from './assignment.policy.js';
import { Assignment } from './assignment.service.js';
import { DutyRepository } from './duty.repository.js';
import { Notifier } from './notifier.service.js';
import { TicketRepository } from './ticket.repository.js';

export type ShiftEdge = 'start' | 'end';

/**
 * A shift starts: waiting tickets of its queues are handed out. A shift ends: the leaving agent's
 * open tickets in queues they are no longer on duty for go to colleagues on duty (least loaded
 * first) with an internal hand-over note; with nobody there they wait unowned and the on-call
 * supervisor hears of it. Each edge is handled once (stamped on the shift), whoever gets there.
 */
@Injectable()
export class HandleShiftBoundaryUseCase {
  constructor(
    private readonly duty: DutyRepository,
    private readonly tickets: TicketRepository,
    private readonly complaints: ComplaintRepository,
    private readonly assignment: Assignment,
    private readonly notifier: Notifier,
    private readonly transactions: Transactions,
  ) {}

  /** Returns how many tickets changed hands, or null when there was nothing (yet) to do. */
  execute(shiftId: string, edge: ShiftEdge, now = new Date()): Promise<number | null> {
    return this.transactions.run(async (tx) => {
      const shift = await this.duty.lockShift(tx, shiftId);
      if (!shift) return null;
      if (edge === 'start') {
        if (shift.startHandledAt || shift.startsAt > now) return null;
        await this.duty.markShift(tx, shift.id, 'start', now);
        return this.assignment.distribute(tx, shift.queueKeys, now);
      }
      if (shift.endHandledAt || shift.endsAt > now) return null;
      await this.duty.markShift(tx, shift.id, 'end', now);

      const stillOn = await this.duty.queuesOnDuty(tx, shift.staffId, now);
      const leaving = (await this.tickets.openOf(tx, shift.staffId)).filter(
        (t) => !stillOn.has(t.queueKey),
      );
      if (leaving.length === 0) return 0;
      const who = (await this.duty.staff(shift.staffId, tx))?.displayName ?? 'the previous agent';
      await this.assignment.serialise(tx);
      const queues = [...new Set(leaving.map((t) => t.queueKey))];
      const candidates = (await this.duty.candidates(tx, queues, now)).filter(
        (c) => c.id !== shift.staffId,
      );
      const plan = planAssignments(leaving, candidates, now, (t, c) =>
        c.queueKeys.includes(t.queueKey),
      );
      const planned = new Map(plan.map((p) => [p.ticket.id, p.assigneeId]));
      for (const ticket of leaving) {
        const to = planned.get(ticket.id) ?? null;
        await this.assignment.apply(tx, ticket, to, SYSTEM, 'handover', now);
        await this.complaints.addMessage(tx, {
          complaintId: ticket.complaintId,
          authorKind: 'system',
          authorId: null,
          visibility: 'internal',
          body: to
            ? `Handed over at the end of ${who}'s shift.`
            : `${who}'s shift ended and nobody on duty could take this ticket; it waits in queue ${ticket.queueKey}.`,
        });
        if (!to) await this.notifier.queueUnstaffed(tx, now, ticket.queueKey, ticket.id);
      }
      return leaving.length;
    });
  }
}
