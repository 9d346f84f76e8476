import { nextWakeUp, resume, type SlaClock } from './sla.policy.js';
import { OPEN_STATUSES, PAUSED_STATUSES, type TicketStatus } from './tickets.constants.js';

/** The moves a person may make with POST /tickets/:id/transition (SPEC); anything else is refused. */
export const ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['assigned'],
  assigned: ['in_progress'],
  in_progress: ['awaiting_user', 'resolved'],
  awaiting_user: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export const isOpen = (status: TicketStatus) => OPEN_STATUSES.includes(status);
export const isPaused = (status: TicketStatus) => PAUSED_STATUSES.includes(status);

/**
 * What a user's reply does to a ticket: a ticket waiting for the user goes back to work, a resolved
 * one reopens within the window, anything else stays as it is (the reply is still kept).
 */
export function afterUserReply(
  ticket: { status: TicketStatus; resolvedAt: Date | null },
  at: Date,
  reopenWindowDays: number,
): TicketStatus | null {
  if (ticket.status === 'awaiting_user') return 'in_progress';
  if (ticket.status === 'resolved' && ticket.resolvedAt) {
    const age = at.getTime() - ticket.resolvedAt.getTime();
    return age <= reopenWindowDays * 86_400_000 ? 'in_progress' : null;
  }
  return null;
}

/** The user-facing status of a complaint whose ticket is in `status` (SPEC: tracking). */
export function publicTicketStatus(
  status: TicketStatus,
): 'received' | 'in_progress' | 'awaiting_user' | 'resolved' | 'closed' {
  switch (status) {
    case 'new':
      return 'received';
    case 'assigned':
    case 'in_progress':
      return 'in_progress';
    default:
      return status;
  }
}

/** A ticket's state as far as status changes are concerned. */
export interface TicketState extends SlaClock {
  resolvedAt: Date | null;
  closedAt: Date | null;
  reopenCount: number;
}

export type StatusChanges = Partial<
  Pick<
    TicketState,
    | 'status'
    | 'pausedAt'
    | 'firstResponseDueAt'
    | 'resolutionDueAt'
    | 'resolvedAt'
    | 'closedAt'
    | 'reopenCount'
  >
> & { slaNextAt: Date | null };

/**
 * Everything that changes with a status: the SLA clock stops on entering `awaiting_user` or
 * `resolved` and resumes (deadlines moved by the pause) on leaving them; resolving stamps the time,
 * reopening counts and clears it; closing stamps the time. Callers check the move is allowed.
 */
export function statusChanges(ticket: TicketState, to: TicketStatus, at: Date): StatusChanges {
  const changes: Omit<StatusChanges, 'slaNextAt'> = { status: to };
  const wasPaused = isPaused(ticket.status);
  const willPause = isPaused(to) || to === 'closed';
  if (wasPaused && !willPause) {
    Object.assign(changes, resume(ticket, at), { pausedAt: null });
  } else if (!wasPaused && willPause) {
    changes.pausedAt = at;
  }
  if (to === 'resolved') changes.resolvedAt = at;
  if (ticket.status === 'resolved' && to === 'in_progress') {
    changes.reopenCount = ticket.reopenCount + 1;
    changes.resolvedAt = null;
  }
  if (to === 'closed') changes.closedAt = at;
  return { ...changes, slaNextAt: nextWakeUp({ ...ticket, ...changes }) };
}
