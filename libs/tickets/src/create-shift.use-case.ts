import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import { DutyRepository } from './duty.repository.js';
import { QueueRepository } from './queue.repository.js';
import { expandWeekly, isTimeZone } from './roster.policy.js';
import { ROSTER_HORIZON_DAYS, ShiftTimers } from './shift-timers.js';
import type { CreateShiftDto, RosterView, ShiftView } from './shift.dto.js';
import { TicketErrorCode } from './tickets.constants.js';

const DAY_MS = 86_400_000;
/** Longest one-off shift: a week (longer stretches are rosters). */
const MAX_SHIFT_MS = 7 * DAY_MS;

const invalid = (message: string) => DomainError.invalid(CommonErrorCode.ValidationFailed, message);

/**
 * A supervisor puts someone on duty: a one-off shift (which may have started already: the person
 * is on duty at once) or a weekly roster in a time zone. Stored in UTC; start and end are armed as
 * timers that hand out waiting work and hand over open work.
 */
@Injectable()
export class CreateShiftUseCase {
  constructor(
    private readonly duty: DutyRepository,
    private readonly queues: QueueRepository,
    private readonly timers: ShiftTimers,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(actor: Actor, dto: CreateShiftDto): Promise<ShiftView | RosterView> {
    const weekly = dto.weekly !== undefined;
    const stray = weekly
      ? (['startsAt', 'endsAt'] as const).filter((f) => dto[f] !== undefined)
      : (['timeZone', 'from', 'until'] as const).filter((f) => dto[f] !== undefined);
    if (stray.length > 0) {
      throw invalid(
        `${stray.join(', ')} ${stray.length > 1 ? 'do' : 'does'} not belong to a ${weekly ? 'weekly roster' : 'one-off shift'}`,
      );
    }
    await this.checkStaffAndQueues(dto);
    return weekly ? this.roster(actor, dto) : this.oneOff(actor, dto);
  }

  private async checkStaffAndQueues(dto: CreateShiftDto): Promise<void> {
    const staff = await this.duty.staff(dto.staffId);
    if (!staff?.active) {
      throw DomainError.invalid(
        TicketErrorCode.StaffNotFound,
        'staffId must be an active staff member',
      );
    }
    if (!staff.roles.some((r) => r === 'agent' || r === 'supervisor')) {
      throw DomainError.invalid(
        TicketErrorCode.AssigneeNotEligible,
        'Only agents and supervisors go on duty',
      );
    }
    const known = await this.queues.existing(dto.queueKeys);
    const unknown = dto.queueKeys.filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw DomainError.invalid(
        TicketErrorCode.QueueNotFound,
        `Unknown queues: ${unknown.join(', ')}`,
      );
    }
  }

  private oneOff(actor: Actor, dto: CreateShiftDto): Promise<ShiftView> {
    if (!dto.startsAt || !dto.endsAt)
      throw invalid(
        'A one-off shift needs startsAt and endsAt (a roster needs weekly and timeZone)',
      );
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    if (endsAt <= startsAt) throw invalid('endsAt must be after startsAt');
    if (endsAt.getTime() <= Date.now()) throw invalid('endsAt must be in the future');
    if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_MS)
      throw invalid('A one-off shift lasts at most 7 days; use a weekly roster');
    return this.transactions.run(async (tx) => {
      const shift = (await this.duty.insertShift(tx, {
        staffId: dto.staffId,
        queueKeys: dto.queueKeys,
        startsAt,
        endsAt,
        rosterId: null,
      }))!;
      await this.timers.arm(tx, shift);
      const view: ShiftView = {
        id: shift.id,
        kind: 'one_off',
        staffId: shift.staffId,
        queueKeys: shift.queueKeys,
        startsAt: shift.startsAt.toISOString(),
        endsAt: shift.endsAt.toISOString(),
      };
      await this.audit.append(tx, {
        actor,
        action: 'shift.created',
        entityType: 'shift',
        entityId: shift.id,
        after: view,
      });
      return view;
    });
  }

  private roster(actor: Actor, dto: CreateShiftDto): Promise<RosterView> {
    if (!dto.timeZone || !isTimeZone(dto.timeZone))
      throw DomainError.invalid(
        TicketErrorCode.InvalidTimeZone,
        'timeZone must be an IANA time zone such as Asia/Shanghai',
      );
    const badDate = [dto.from, dto.until].find((d) => d && !isCalendarDate(d));
    if (badDate) throw invalid(`${badDate} is not a calendar date`);
    if (dto.from && dto.until && dto.until < dto.from)
      throw invalid('until must not be before from');
    const slots = dto.weekly!.map(({ weekday, start, end }) => ({ weekday, start, end }));
    const now = new Date();
    return this.transactions.run(async (tx) => {
      const roster = await this.duty.insertRoster(tx, {
        staffId: dto.staffId,
        queueKeys: dto.queueKeys,
        timeZone: dto.timeZone!,
        slots,
        fromDate: dto.from ?? null,
        untilDate: dto.until ?? null,
        materializedUntil: now,
      });
      await this.timers.materialize(
        tx,
        roster,
        new Date(now.getTime() + ROSTER_HORIZON_DAYS * DAY_MS),
      );
      const upcoming = expandWeekly(
        {
          timeZone: roster.timeZone,
          slots,
          fromDate: roster.fromDate,
          untilDate: roster.untilDate,
        },
        { from: now, to: new Date(now.getTime() + 7 * DAY_MS) },
      ).map((o) => ({
        id: roster.id,
        kind: 'weekly' as const,
        staffId: roster.staffId,
        queueKeys: roster.queueKeys,
        startsAt: o.from.toISOString(),
        endsAt: o.to.toISOString(),
      }));
      const view: RosterView = {
        id: roster.id,
        kind: 'weekly',
        staffId: roster.staffId,
        queueKeys: roster.queueKeys,
        timeZone: roster.timeZone,
        weekly: slots,
        from: roster.fromDate,
        until: roster.untilDate,
        upcoming,
      };
      await this.audit.append(tx, {
        actor,
        action: 'roster.created',
        entityType: 'roster',
        entityId: roster.id,
        after: { ...view, upcoming: undefined },
      });
      return view;
    });
  }
}

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
