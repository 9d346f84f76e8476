import {
  deadlines,
  dueEvents,
  nextWakeUp,
  raisePriority,
  slaEventChanges,
  resume,
  type SlaClock,
} from './sla.policy.js';

const opened = new Date('2026-11-25T08:00:00Z');
const targets = { firstResponseSeconds: 3600, resolutionSeconds: 24 * 3600 };
const minutes = (n: number) => new Date(opened.getTime() + n * 60_000);

function clock(overrides: Partial<SlaClock> = {}): SlaClock {
  return {
    status: 'assigned',
    targets,
    ...deadlines(opened, targets),
    firstRespondedAt: null,
    pausedAt: null,
    firstResponseWarnedAt: null,
    firstResponseBreachedAt: null,
    resolutionWarnedAt: null,
    resolutionBreachedAt: null,
    ...overrides,
  };
}

describe('SLA deadlines', () => {
  it('runs on the 24/7 clock from the moment the ticket opens', () => {
    expect(deadlines(opened, targets)).toEqual({
      firstResponseDueAt: new Date('2026-11-25T09:00:00Z'),
      resolutionDueAt: new Date('2026-11-26T08:00:00Z'),
    });
  });

  it('moves unmet deadlines by the time spent paused, and leaves a met one alone', () => {
    const paused = clock({ pausedAt: minutes(30) });
    expect(resume(paused, minutes(90))).toEqual({
      firstResponseDueAt: minutes(120),
      resolutionDueAt: minutes(24 * 60 + 60),
    });
    const responded = clock({ pausedAt: minutes(30), firstRespondedAt: minutes(10) });
    expect(resume(responded, minutes(90)).firstResponseDueAt).toEqual(minutes(60));
  });
});

describe('dueEvents', () => {
  it('is quiet before 80% of a target', () => {
    expect(dueEvents(clock(), minutes(47))).toEqual([]);
  });

  it('warns at 80% and breaches at 100%', () => {
    expect(dueEvents(clock(), minutes(48))).toEqual([
      { clock: 'first_response', stage: 'warning' },
    ]);
    expect(dueEvents(clock({ firstResponseWarnedAt: minutes(48) }), minutes(60))).toEqual([
      { clock: 'first_response', stage: 'breach' },
    ]);
  });

  it('reports a late breach alone, without its stale warning', () => {
    expect(dueEvents(clock(), minutes(61))).toEqual([{ clock: 'first_response', stage: 'breach' }]);
  });

  it('does not report what was handled or met', () => {
    const handled = clock({
      firstResponseWarnedAt: minutes(48),
      firstResponseBreachedAt: minutes(60),
    });
    expect(dueEvents(handled, minutes(90))).toEqual([]);
    expect(dueEvents(clock({ firstRespondedAt: minutes(5) }), minutes(90))).toEqual([]);
  });

  it('stands still while waiting for the user, resolved or closed', () => {
    for (const status of ['awaiting_user', 'resolved', 'closed'] as const)
      expect(dueEvents(clock({ status }), minutes(25 * 60))).toEqual([]);
  });

  it('handles both clocks', () => {
    expect(dueEvents(clock({ firstRespondedAt: minutes(1) }), minutes(25 * 60))).toEqual([
      { clock: 'resolution', stage: 'breach' },
    ]);
  });
});

describe('nextWakeUp', () => {
  it('is the earliest pending instant', () => {
    expect(nextWakeUp(clock())).toEqual(minutes(48));
    expect(nextWakeUp(clock({ firstRespondedAt: minutes(1) }))).toEqual(minutes(0.8 * 24 * 60));
  });

  it('is null when paused or everything is done', () => {
    expect(nextWakeUp(clock({ status: 'awaiting_user' }))).toBeNull();
    expect(
      nextWakeUp(clock({ firstRespondedAt: minutes(1), resolutionBreachedAt: minutes(24 * 60) })),
    ).toBeNull();
  });
});

describe('raisePriority', () => {
  it('goes up one step and stops at P1', () => {
    expect(['P4', 'P3', 'P2', 'P1'].map((p) => raisePriority(p as 'P1'))).toEqual([
      'P3',
      'P2',
      'P1',
      'P1',
    ]);
  });
});

describe('slaEventChanges', () => {
  it('stamps a warning without escalating', () => {
    const changes = slaEventChanges(
      { ...clock(), escalationLevel: 0, priority: 'P3' },
      [{ clock: 'first_response', stage: 'warning' }],
      minutes(48),
    );
    expect(changes).toEqual({ firstResponseWarnedAt: minutes(48), slaNextAt: minutes(60) });
  });

  it('escalates a breach one level and one priority step, and stamps its warning', () => {
    const changes = slaEventChanges(
      { ...clock(), escalationLevel: 0, priority: 'P3' },
      [{ clock: 'first_response', stage: 'breach' }],
      minutes(61),
    );
    expect(changes).toMatchObject({
      firstResponseBreachedAt: minutes(61),
      firstResponseWarnedAt: minutes(61),
      breached: true,
      escalationLevel: 1,
      priority: 'P2',
      slaNextAt: minutes(0.8 * 24 * 60),
    });
  });
});
