import {
  afterUserReply,
  canTransition,
  publicTicketStatus,
  statusChanges,
} from './ticket-lifecycle.policy.js';
import { TICKET_STATUSES } from './tickets.constants.js';

describe('ticket transitions', () => {
  it('allows exactly the moves of the contract', () => {
    const allowed = TICKET_STATUSES.flatMap((from) =>
      TICKET_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'new→assigned',
        'assigned→in_progress',
        'in_progress→awaiting_user',
        'in_progress→resolved',
        'awaiting_user→in_progress',
        'awaiting_user→resolved',
        'resolved→closed',
        'resolved→in_progress',
      ].sort(),
    );
  });
});

describe('afterUserReply', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

  it('puts a ticket waiting for the user back to work', () => {
    expect(afterUserReply({ status: 'awaiting_user', resolvedAt: null }, now, 14)).toBe(
      'in_progress',
    );
  });

  it('reopens a resolved ticket within the window and not after it', () => {
    expect(afterUserReply({ status: 'resolved', resolvedAt: daysAgo(13.9) }, now, 14)).toBe(
      'in_progress',
    );
    expect(afterUserReply({ status: 'resolved', resolvedAt: daysAgo(14.1) }, now, 14)).toBeNull();
  });

  it('leaves other states alone', () => {
    for (const status of ['new', 'assigned', 'in_progress', 'closed'] as const)
      expect(afterUserReply({ status, resolvedAt: daysAgo(1) }, now, 14)).toBeNull();
  });
});

describe('publicTicketStatus', () => {
  it('shows the user received until someone has it, then the ticket state', () => {
    expect(TICKET_STATUSES.map(publicTicketStatus)).toEqual([
      'received',
      'in_progress',
      'in_progress',
      'awaiting_user',
      'resolved',
      'closed',
    ]);
  });
});

describe('statusChanges', () => {
  const opened = new Date('2026-11-25T08:00:00Z');
  const at = (minutes: number) => new Date(opened.getTime() + minutes * 60_000);
  const ticket = {
    status: 'in_progress' as const,
    targets: { firstResponseSeconds: 3600, resolutionSeconds: 7200 },
    firstResponseDueAt: at(60),
    resolutionDueAt: at(120),
    firstRespondedAt: at(10),
    pausedAt: null,
    firstResponseWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionWarnedAt: null,
    resolutionBreachedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
  };

  it('stops the clock while waiting for the user and moves the deadline by the wait', () => {
    const waiting = statusChanges(ticket, 'awaiting_user', at(30));
    expect(waiting).toMatchObject({ status: 'awaiting_user', pausedAt: at(30), slaNextAt: null });
    const back = statusChanges({ ...ticket, ...waiting }, 'in_progress', at(90));
    expect(back).toMatchObject({ pausedAt: null, resolutionDueAt: at(180) });
    // The next wake-up is the resolution warning at 80% of the moved deadline.
    expect(back.slaNextAt).toEqual(at(180 - 24));
  });

  it('stamps resolution, and a reopen counts and clears it', () => {
    const resolved = statusChanges(ticket, 'resolved', at(40));
    expect(resolved).toMatchObject({ resolvedAt: at(40), pausedAt: at(40), slaNextAt: null });
    const reopened = statusChanges({ ...ticket, ...resolved }, 'in_progress', at(50));
    expect(reopened).toMatchObject({ reopenCount: 1, resolvedAt: null, resolutionDueAt: at(130) });
  });

  it('stamps closing and stops every timer', () => {
    const resolved = { ...ticket, ...statusChanges(ticket, 'resolved', at(40)) };
    expect(statusChanges(resolved, 'closed', at(41))).toMatchObject({
      closedAt: at(41),
      slaNextAt: null,
    });
  });
});
