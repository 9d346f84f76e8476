import type { TicketStatus } from './tickets.constants.js';

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface SlaTargets {
  firstResponseSeconds: number;
  resolutionSeconds: number;
}

/** Defaults of a fresh install (seeded by migration; supervisors change them). 24/7 clock. */
export const DEFAULT_SLA_TARGETS: Readonly<Record<Priority, SlaTargets>> = {
  P1: { firstResponseSeconds: 15 * 60, resolutionSeconds: 4 * 3600 },
  P2: { firstResponseSeconds: 3600, resolutionSeconds: 24 * 3600 },
  P3: { firstResponseSeconds: 4 * 3600, resolutionSeconds: 72 * 3600 },
  P4: { firstResponseSeconds: 24 * 3600, resolutionSeconds: 7 * 24 * 3600 },
};

/** Share of a target after which the people concerned are warned. */
export const WARNING_SHARE = 0.8;

export type SlaClockKind = 'first_response' | 'resolution';
export type SlaStage = 'warning' | 'breach';
export interface SlaEvent {
  clock: SlaClockKind;
  stage: SlaStage;
}

/** Everything about a ticket that its SLA depends on. */
export interface SlaClock {
  status: TicketStatus;
  targets: SlaTargets;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
  pausedAt: Date | null;
  firstResponseWarnedAt: Date | null;
  firstResponseBreachedAt: Date | null;
  resolutionWarnedAt: Date | null;
  resolutionBreachedAt: Date | null;
}

const add = (at: Date, ms: number) => new Date(at.getTime() + ms);

export function deadlines(
  openedAt: Date,
  targets: SlaTargets,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return {
    firstResponseDueAt: add(openedAt, targets.firstResponseSeconds * 1000),
    resolutionDueAt: add(openedAt, targets.resolutionSeconds * 1000),
  };
}

/**
 * The clock starts again after a pause: every deadline not yet met moves later by the time spent
 * paused, so waiting for the user never counts against the agent.
 */
export function resume(
  clock: Pick<SlaClock, 'pausedAt' | 'firstRespondedAt' | 'firstResponseDueAt' | 'resolutionDueAt'>,
  at: Date,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const paused = clock.pausedAt ? Math.max(0, at.getTime() - clock.pausedAt.getTime()) : 0;
  return {
    firstResponseDueAt: clock.firstRespondedAt
      ? clock.firstResponseDueAt
      : add(clock.firstResponseDueAt, paused),
    resolutionDueAt: add(clock.resolutionDueAt, paused),
  };
}

interface Instant extends SlaEvent {
  at: Date;
  done: boolean;
}

/** Warning and breach instants of both clocks, with whether each has been dealt with. */
function instants(clock: SlaClock): Instant[] {
  const warnBefore = (seconds: number) => Math.round(seconds * 1000 * (1 - WARNING_SHARE));
  const frMet = clock.firstRespondedAt !== null;
  return [
    {
      clock: 'first_response',
      stage: 'warning',
      at: add(clock.firstResponseDueAt, -warnBefore(clock.targets.firstResponseSeconds)),
      done: frMet || clock.firstResponseWarnedAt !== null || clock.firstResponseBreachedAt !== null,
    },
    {
      clock: 'first_response',
      stage: 'breach',
      at: clock.firstResponseDueAt,
      done: frMet || clock.firstResponseBreachedAt !== null,
    },
    {
      clock: 'resolution',
      stage: 'warning',
      at: add(clock.resolutionDueAt, -warnBefore(clock.targets.resolutionSeconds)),
      done: clock.resolutionWarnedAt !== null || clock.resolutionBreachedAt !== null,
    },
    {
      clock: 'resolution',
      stage: 'breach',
      at: clock.resolutionDueAt,
      done: clock.resolutionBreachedAt !== null,
    },
  ];
}

const running = (clock: SlaClock) =>
  clock.status !== 'closed' && clock.status !== 'awaiting_user' && clock.status !== 'resolved';

/**
 * What is due now. A breach makes its warning moot, so a clock that is already past its deadline
 * (a timer that fired late, a Redis that was flushed) reports the breach alone.
 */
export function dueEvents(clock: SlaClock, now: Date): SlaEvent[] {
  if (!running(clock)) return [];
  const due = instants(clock).filter((i) => !i.done && i.at.getTime() <= now.getTime());
  return due
    .filter(
      (i) => i.stage === 'breach' || !due.some((b) => b.clock === i.clock && b.stage === 'breach'),
    )
    .map(({ clock: c, stage }) => ({ clock: c, stage }));
}

/** When the next warning or breach falls due, or null when nothing is pending (paused, met, done). */
export function nextWakeUp(clock: SlaClock): Date | null {
  if (!running(clock)) return null;
  const pending = instants(clock).filter((i) => !i.done);
  if (pending.length === 0) return null;
  return new Date(Math.min(...pending.map((i) => i.at.getTime())));
}

export interface SlaEventChanges {
  firstResponseWarnedAt?: Date;
  firstResponseBreachedAt?: Date;
  resolutionWarnedAt?: Date;
  resolutionBreachedAt?: Date;
  breached?: true;
  escalationLevel?: number;
  priority?: Priority;
  slaNextAt: Date | null;
}

/**
 * What handling due events changes: each is stamped (a breach stamps its warning too), and each
 * breach escalates one level and raises the priority one step.
 */
export function slaEventChanges(
  clock: SlaClock & { escalationLevel: number; priority: Priority },
  events: readonly SlaEvent[],
  at: Date,
): SlaEventChanges {
  const changes: Omit<SlaEventChanges, 'slaNextAt'> = {};
  let escalationLevel = clock.escalationLevel;
  let priority = clock.priority;
  for (const event of events) {
    const prefix = event.clock === 'first_response' ? 'firstResponse' : 'resolution';
    if (event.stage === 'warning') {
      changes[`${prefix}WarnedAt`] = at;
      continue;
    }
    changes[`${prefix}BreachedAt`] = at;
    if (!clock[`${prefix}WarnedAt`]) changes[`${prefix}WarnedAt`] = at;
    changes.breached = true;
    escalationLevel += 1;
    priority = raisePriority(priority);
    changes.escalationLevel = escalationLevel;
    changes.priority = priority;
  }
  return { ...changes, slaNextAt: nextWakeUp({ ...clock, ...changes }) };
}

/** A breach raises the priority one step (P4 → P3 → P2 → P1); P1 stays P1. */
export function raisePriority(priority: Priority): Priority {
  const i = PRIORITIES.indexOf(priority);
  return PRIORITIES[Math.max(0, i - 1)];
}
