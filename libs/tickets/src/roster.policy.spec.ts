import {
  coverageGaps,
  expandWeekly,
  formatInZone,
  isTimeZone,
  mergeIntervals,
  zonedToUtc,
} from './roster.policy.js';

const d = (iso: string) => new Date(iso);

describe('time zones', () => {
  it('converts local wall-clock times to UTC', () => {
    expect(zonedToUtc(2026, 11, 25, 9 * 60, 'Asia/Shanghai')).toEqual(d('2026-11-25T01:00:00Z'));
    expect(zonedToUtc(2026, 7, 1, 9 * 60, 'Europe/Berlin')).toEqual(d('2026-07-01T07:00:00Z'));
    expect(zonedToUtc(2026, 12, 1, 9 * 60, 'Europe/Berlin')).toEqual(d('2026-12-01T08:00:00Z'));
  });

  it('moves a time skipped by a DST jump past the jump', () => {
    // 2026-03-29 02:30 does not exist in Berlin (clocks go 02:00 → 03:00): it becomes 03:30 CEST.
    expect(zonedToUtc(2026, 3, 29, 150, 'Europe/Berlin')).toEqual(d('2026-03-29T01:30:00Z'));
    // 2026-10-25 02:30 happens twice: the first (CEST) is meant.
    expect(zonedToUtc(2026, 10, 25, 150, 'Europe/Berlin')).toEqual(d('2026-10-25T00:30:00Z'));
  });

  it('formats an instant in a zone with its offset', () => {
    expect(formatInZone(d('2026-11-25T01:00:00Z'), 'Asia/Shanghai')).toBe(
      '2026-11-25T09:00:00+08:00',
    );
    expect(formatInZone(d('2026-11-25T01:00:00Z'), 'America/New_York')).toBe(
      '2026-11-24T20:00:00-05:00',
    );
    expect(formatInZone(d('2026-11-25T01:00:00Z'), 'UTC')).toBe('2026-11-25T01:00:00+00:00');
  });

  it('knows real zone names and refuses others', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone("'; DROP TABLE")).toBe(false);
  });
});

describe('expandWeekly', () => {
  const roster = {
    timeZone: 'Asia/Shanghai',
    slots: [
      { weekday: 3, start: '09:00', end: '18:00' }, // Wednesday day shift
      { weekday: 3, start: '22:00', end: '06:00' }, // Wednesday night, into Thursday
    ],
    fromDate: null,
    untilDate: null,
  };

  it('places slots on the right local weekdays, overnight ones ending the next day', () => {
    // 2026-11-25 is a Wednesday.
    const week = expandWeekly(roster, {
      from: d('2026-11-23T00:00:00Z'),
      to: d('2026-11-30T00:00:00Z'),
    });
    expect(week).toEqual([
      { from: d('2026-11-25T01:00:00Z'), to: d('2026-11-25T10:00:00Z') },
      { from: d('2026-11-25T14:00:00Z'), to: d('2026-11-25T22:00:00Z') },
    ]);
  });

  it('includes an occurrence that started before the window and honours from/until dates', () => {
    const inside = expandWeekly(roster, {
      from: d('2026-11-25T20:00:00Z'),
      to: d('2026-11-26T00:00:00Z'),
    });
    expect(inside).toEqual([{ from: d('2026-11-25T14:00:00Z'), to: d('2026-11-25T22:00:00Z') }]);
    const bounded = expandWeekly(
      { ...roster, fromDate: '2026-12-01', untilDate: '2026-12-09' },
      { from: d('2026-11-20T00:00:00Z'), to: d('2026-12-31T00:00:00Z') },
    );
    expect(bounded.map((i) => i.from.toISOString().slice(0, 10))).toEqual([
      '2026-12-02',
      '2026-12-02',
      '2026-12-09',
      '2026-12-09',
    ]);
  });

  it('keeps local hours across a DST change', () => {
    const berlin = {
      ...roster,
      timeZone: 'Europe/Berlin',
      slots: [{ weekday: 1, start: '09:00', end: '17:00' }],
    };
    const [before, after] = expandWeekly(berlin, {
      from: d('2026-10-19T00:00:00Z'),
      to: d('2026-11-01T00:00:00Z'),
    });
    expect(before.from).toEqual(d('2026-10-19T07:00:00Z')); // CEST
    expect(after.from).toEqual(d('2026-10-26T08:00:00Z')); // CET
  });

  it('treats 24:00 as midnight', () => {
    const late = {
      ...roster,
      timeZone: 'UTC',
      slots: [{ weekday: 3, start: '16:00', end: '24:00' }],
    };
    expect(
      expandWeekly(late, { from: d('2026-11-25T00:00:00Z'), to: d('2026-11-26T00:00:00Z') }),
    ).toEqual([{ from: d('2026-11-25T16:00:00Z'), to: d('2026-11-26T00:00:00Z') }]);
  });
});

describe('coverage', () => {
  const window = { from: d('2026-11-25T00:00:00Z'), to: d('2026-11-26T00:00:00Z') };

  it('merges overlapping and touching intervals', () => {
    expect(
      mergeIntervals([
        { from: d('2026-11-25T08:00:00Z'), to: d('2026-11-25T12:00:00Z') },
        { from: d('2026-11-25T00:00:00Z'), to: d('2026-11-25T08:00:00Z') },
        { from: d('2026-11-25T10:00:00Z'), to: d('2026-11-25T11:00:00Z') },
      ]),
    ).toEqual([{ from: d('2026-11-25T00:00:00Z'), to: d('2026-11-25T12:00:00Z') }]);
  });

  it('reports every hole per queue, and a queue nobody works as one gap', () => {
    const shifts = [
      { queueKeys: ['general'], from: d('2026-11-24T22:00:00Z'), to: d('2026-11-25T08:00:00Z') },
      {
        queueKeys: ['general', 'billing'],
        from: d('2026-11-25T08:00:00Z'),
        to: d('2026-11-25T16:00:00Z'),
      },
      { queueKeys: ['general'], from: d('2026-11-25T18:00:00Z'), to: d('2026-11-26T02:00:00Z') },
    ];
    expect(coverageGaps(['general', 'billing', 'security'], shifts, window)).toEqual([
      { queueKey: 'general', from: d('2026-11-25T16:00:00Z'), to: d('2026-11-25T18:00:00Z') },
      { queueKey: 'billing', from: d('2026-11-25T00:00:00Z'), to: d('2026-11-25T08:00:00Z') },
      { queueKey: 'billing', from: d('2026-11-25T16:00:00Z'), to: d('2026-11-26T00:00:00Z') },
      { queueKey: 'security', from: window.from, to: window.to },
    ]);
  });
});
