import { Injectable } from '@nestjs/common';
import type { Tx } from '@desk/platform';
import { DutyRepository } from './duty.repository.js';
import { type NewNotification, NotificationRepository } from './notification.repository.js';

/** Tells staff what needs them, inside the transaction of the change that needs them. */
@Injectable()
export class Notifier {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly duty: DutyRepository,
  ) {}

  toStaff(tx: Tx, staffIds: readonly (string | null | undefined)[], n: NewNotification) {
    const ids = [...new Set(staffIds.filter((id): id is string => Boolean(id)))];
    return this.notifications.insert(tx, ids, n);
  }

  /**
   * The on-call supervisor(s) — whoever's shift covers now, or every supervisor when nobody's
   * does — and, if given, the ticket's owner; each person once.
   */
  async toOnCall(tx: Tx, now: Date, n: NewNotification, owner?: string | null): Promise<void> {
    await this.toStaff(tx, [owner, ...(await this.duty.onCallSupervisors(tx, now))], n);
  }

  /**
   * "Nobody can take work in this queue": once per supervisor until they read it, so a queue that
   * fills up at night raises one notice, not one per ticket.
   */
  async queueUnstaffed(tx: Tx, now: Date, queueKey: string, ticketId: string): Promise<void> {
    const supervisors = await this.duty.onCallSupervisors(tx, now);
    const fresh = await this.notifications.withoutUnread(
      tx,
      supervisors,
      'queue_unstaffed',
      queueKey,
    );
    await this.notifications.insert(tx, fresh, {
      kind: 'queue_unstaffed',
      title: `Tickets are waiting in queue ${queueKey}: nobody on duty has room`,
      ticketId,
      data: { queueKey },
    });
  }
}
