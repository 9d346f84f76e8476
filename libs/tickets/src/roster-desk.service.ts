import { Injectable } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '@desk/platform';
import { DutyRepository } from './duty.repository.js';
import { QueueRepository } from './queue.repository.js';
import {
  type CoverageShift,
  coverageGaps,
  expandWeekly,
  formatInZone,
  type Interval,
  isTimeZone,
} from './roster.policy.js';
import type {
  CoverageView,
  ListShiftsQuery,
  ShiftList,
  ShiftView,
  WindowQuery,
} from './shift.dto.js';
import { TicketErrorCode } from './tickets.constants.js';

const DAY_MS = 86_400_000;
const MAX_WINDOW_DAYS = 31;

interface Duty extends Interval {
  id: string;
  kind: 'one_off' | 'weekly';
  staffId: string;
  queueKeys: string[];
}

/** Read side of shifts: who is on duty when, and where a queue has nobody. */
@Injectable()
export class RosterDesk {
  constructor(
    private readonly duty: DutyRepository,
    private readonly queues: QueueRepository,
  ) {}

  async list(query: ListShiftsQuery): Promise<ShiftList> {
    const { window, tz } = this.window(query);
    const items = (await this.dutyIn(window, query.staffId))
      .filter((d) => !query.queue || d.queueKeys.includes(query.queue))
      .map((d): ShiftView => ({
        id: d.id,
        kind: d.kind,
        staffId: d.staffId,
        queueKeys: d.queueKeys,
        startsAt: d.from.toISOString(),
        endsAt: d.to.toISOString(),
        ...(tz
          ? {
              local: {
                timeZone: tz,
                startsAt: formatInZone(d.from, tz),
                endsAt: formatInZone(d.to, tz),
              },
            }
          : {}),
      }));
    return {
      items,
      total: items.length,
      from: window.from.toISOString(),
      to: window.to.toISOString(),
    };
  }

  /**
   * Every stretch of the window in which a queue has nobody on duty who may work it (an active
   * agent with the queue's skill, in a shift listing the queue).
   */
  async coverage(query: WindowQuery): Promise<CoverageView> {
    const { window, tz } = this.window(query);
    const [queues, skills, duties] = await Promise.all([
      this.queues.all(),
      this.duty.coverageStaff(),
      this.dutyIn(window),
    ]);
    const shifts: CoverageShift[] = duties.map((d) => ({
      from: d.from,
      to: d.to,
      queueKeys: d.queueKeys.filter((q) => skills.get(d.staffId)?.has(q)),
    }));
    const show = (d: Date) => (tz ? formatInZone(d, tz) : d.toISOString());
    return {
      from: show(window.from),
      to: show(window.to),
      timeZone: tz ?? 'UTC',
      gaps: coverageGaps(
        queues.map((q) => q.key),
        shifts,
        window,
      ).map((g) => ({ queueKey: g.queueKey, from: show(g.from), to: show(g.to) })),
    };
  }

  /** One-off shifts from storage and roster occurrences derived from their rosters. */
  private async dutyIn(window: Interval, staffId?: string): Promise<Duty[]> {
    const [shifts, rosters] = await Promise.all([
      this.duty.oneOffShifts(window.from, window.to, staffId),
      this.duty.rosters(staffId),
    ]);
    const duties: Duty[] = shifts.map((s) => ({
      id: s.id,
      kind: 'one_off',
      staffId: s.staffId,
      queueKeys: s.queueKeys,
      from: s.startsAt,
      to: s.endsAt,
    }));
    for (const r of rosters) {
      for (const o of expandWeekly(
        { timeZone: r.timeZone, slots: r.slots, fromDate: r.fromDate, untilDate: r.untilDate },
        window,
      )) {
        duties.push({ id: r.id, kind: 'weekly', staffId: r.staffId, queueKeys: r.queueKeys, ...o });
      }
    }
    return duties.sort((a, b) => a.from.getTime() - b.from.getTime());
  }

  private window(query: WindowQuery): { window: Interval; tz?: string } {
    if (query.tz !== undefined && !isTimeZone(query.tz)) {
      throw DomainError.invalid(
        TicketErrorCode.InvalidTimeZone,
        'tz must be an IANA time zone such as Asia/Shanghai',
      );
    }
    const from = query.from ? new Date(query.from) : new Date();
    const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * DAY_MS);
    if (to <= from)
      throw DomainError.invalid(TicketErrorCode.InvalidPeriod, 'to must be after from');
    if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        `The window may span at most ${MAX_WINDOW_DAYS} days`,
      );
    }
    return { window: { from, to }, tz: query.tz };
  }
}
