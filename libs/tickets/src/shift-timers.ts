import { Injectable } from '@nestjs/common';
import { JobName, Outbox, QueueName, type Tx } from '@desk/platform';
import { expandWeekly } from './roster.policy.js';
import type { RosterEntity } from './roster.entity.js';
import type { ShiftEntity } from './shift.entity.js';
import { DutyRepository } from './duty.repository.js';

/** How far ahead weekly rosters are written out as shifts. */
export const ROSTER_HORIZON_DAYS = 14;

/**
 * Arms the start and end of shifts through the outbox (committed with the shift), and writes
 * rosters' occurrences out as shifts up to the horizon.
 */
@Injectable()
export class ShiftTimers {
  constructor(
    private readonly outbox: Outbox,
    private readonly duty: DutyRepository,
  ) {}

  async arm(tx: Tx, shift: Pick<ShiftEntity, 'id' | 'startsAt' | 'endsAt'>): Promise<void> {
    await this.outbox.add(
      tx,
      ...(['start', 'end'] as const).map((edge) => ({
        queue: QueueName.Tickets,
        job: JobName.ShiftBoundary,
        payload: { shiftId: shift.id, edge },
        runAt: edge === 'start' ? shift.startsAt : shift.endsAt,
        jobKey: `shift:${shift.id}:${edge}`,
      })),
    );
  }

  /** Writes the roster's occurrences from where it stopped up to `until`; returns how many. */
  async materialize(tx: Tx, roster: RosterEntity, until: Date): Promise<number> {
    const occurrences = expandWeekly(
      {
        timeZone: roster.timeZone,
        slots: roster.slots,
        fromDate: roster.fromDate,
        untilDate: roster.untilDate,
      },
      { from: roster.materializedUntil, to: until },
    );
    let created = 0;
    for (const occurrence of occurrences) {
      // Occurrences already written (they straddle the previous horizon) are skipped by the key.
      const shift = await this.duty.insertShift(tx, {
        staffId: roster.staffId,
        queueKeys: roster.queueKeys,
        startsAt: occurrence.from,
        endsAt: occurrence.to,
        rosterId: roster.id,
      });
      if (!shift) continue;
      created += 1;
      await this.arm(tx, shift);
    }
    await this.duty.setMaterializedUntil(tx, roster.id, until);
    return created;
  }
}
