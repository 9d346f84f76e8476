/** Time-zone arithmetic, weekly rosters and coverage gaps: pure functions over UTC instants. */

export interface Interval {
  from: Date;
  to: Date;
}

export interface WeeklySlot {
  /** ISO weekday: 1 Monday … 7 Sunday, in the roster's time zone. */
  weekday: number;
  /** Local "HH:mm"; an end at or before the start runs past midnight, "24:00" is midnight. */
  start: string;
  end: string;
}

export interface WeeklyRoster {
  timeZone: string;
  slots: readonly WeeklySlot[];
  /** First and last local dates (YYYY-MM-DD) on which a slot may start; null: unbounded. */
  fromDate: string | null;
  untilDate: string | null;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name the runtime knows ("Asia/Shanghai", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: number, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall-clock time names in a zone. A time skipped by a DST jump moves forward by
 * the jump; a repeated one to its first occurrence.
 */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  minutesOfDay: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day) + minutesOfDay * 60_000;
  // Zone offsets change at most once a day: those of the day before and after give both readings.
  const first = wall - zoneOffsetMs(wall - DAY_MS, timeZone);
  const second = wall - zoneOffsetMs(wall + DAY_MS, timeZone);
  const exact = [first, second].filter((t) => t + zoneOffsetMs(t, timeZone) === wall);
  // Repeated hour: both candidates are exact, take the first. Skipped hour: neither is; the later
  // one is the same wall-clock distance after the jump.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(first, second));
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2026-11-25T17:00:00+08:00. */
export function formatInZone(at: Date, timeZone: string): string {
  const p = localParts(at.getTime(), timeZone);
  const offset = Math.round(zoneOffsetMs(at.getTime(), timeZone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const abs = Math.abs(offset);
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Minutes since midnight of "HH:mm" ("24:00" allowed as an end). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

const isoDate = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

/** Every occurrence of a weekly roster that overlaps [from, to), in UTC, in start order. */
export function expandWeekly(roster: WeeklyRoster, window: Interval): Interval[] {
  const first = localParts(window.from.getTime(), roster.timeZone);
  // Start a day early: a slot that began yesterday evening may still run into the window.
  const startDay = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
  const days = Math.ceil((window.to.getTime() - window.from.getTime()) / DAY_MS) + 3;
  const result: Interval[] = [];
  for (let i = 0; i < days; i++) {
    const dayStart = startDay + i * DAY_MS;
    const date = isoDate(dayStart);
    if (roster.fromDate && date < roster.fromDate) continue;
    if (roster.untilDate && date > roster.untilDate) continue;
    const d = new Date(dayStart);
    const weekday = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
    for (const slot of roster.slots) {
      if (slot.weekday !== weekday) continue;
      const start = minutesOf(slot.start);
      let end = minutesOf(slot.end);
      if (end <= start) end += 24 * 60;
      const y = d.getUTCFullYear();
      const m = d.getUTCMonth() + 1;
      const day = d.getUTCDate();
      const from = zonedToUtc(y, m, day, start, roster.timeZone);
      const to = zonedToUtc(y, m, day, end, roster.timeZone);
      if (to > window.from && from < window.to && to > from) result.push({ from, to });
    }
  }
  return result.sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** Overlapping or touching intervals merged into one, in order. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.from.getTime() - b.from.getTime());
  const merged: Interval[] = [];
  for (const next of sorted) {
    const last = merged[merged.length - 1];
    if (last && next.from.getTime() <= last.to.getTime()) {
      if (next.to > last.to) last.to = next.to;
    } else merged.push({ from: next.from, to: next.to });
  }
  return merged;
}

export interface CoverageShift extends Interval {
  queueKeys: readonly string[];
}

/**
 * For each queue, the stretches of [from, to) in which nobody is on duty for it: the holes a 24/7
 * roster must not have. Shifts passed in are those of people who may work the queue.
 */
export function coverageGaps(
  queueKeys: readonly string[],
  shifts: readonly CoverageShift[],
  window: Interval,
): { queueKey: string; from: Date; to: Date }[] {
  const gaps: { queueKey: string; from: Date; to: Date }[] = [];
  for (const queueKey of queueKeys) {
    const covered = mergeIntervals(
      shifts
        .filter((s) => s.queueKeys.includes(queueKey))
        .map((s) => ({
          from: s.from < window.from ? window.from : s.from,
          to: s.to > window.to ? window.to : s.to,
        }))
        .filter((s) => s.to > s.from),
    );
    let cursor = window.from;
    for (const interval of covered) {
      if (interval.from > cursor) gaps.push({ queueKey, from: cursor, to: interval.from });
      if (interval.to > cursor) cursor = interval.to;
    }
    if (cursor < window.to) gaps.push({ queueKey, from: cursor, to: window.to });
  }
  return gaps;
}
