/**
 * Spike detection over complaint counts: pure functions on numbers, so they can be tested on
 * synthetic series without a database.
 */

export interface SpikeSettings {
  /** Fewest complaints in the window that can be a spike at all. */
  minCount: number;
  /** Largest Poisson tail probability P(X ≥ count | baseline) still called a spike. */
  maxTailProbability: number;
  /** The window must also hold at least this many times the baseline. */
  minRatio: number;
  /** Smoothing of the EWMA baseline (weight of the newest window). */
  alpha: number;
  /** Baseline when history is empty or quiet: "no history" is no reason to stay silent. */
  floor: number;
}

export const DEFAULT_SPIKE_SETTINGS: SpikeSettings = {
  minCount: 20,
  maxTailProbability: 1e-4,
  minRatio: 3,
  alpha: 0.3,
  floor: 2,
};

/** Exponentially weighted mean of earlier windows, oldest first; null without history. */
export function ewma(counts: readonly number[], alpha: number): number | null {
  if (counts.length === 0) return null;
  let value = counts[0];
  for (const c of counts.slice(1)) value = alpha * c + (1 - alpha) * value;
  return value;
}

/** log P(X ≥ k) for X ~ Poisson(λ), summed in log space so large counts do not underflow. */
export function logPoissonTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  // log P(X = k), then the terms k, k+1, … until they stop mattering.
  let logTerm = -lambda + k * Math.log(lambda) - logFactorial(k);
  let logSum = logTerm;
  for (let i = k + 1; i < k + 1000; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    const next = logAdd(logSum, logTerm);
    if (next - logSum < 1e-12) break;
    logSum = next;
  }
  return Math.min(0, logSum);
}

function logAdd(a: number, b: number): number {
  const [hi, lo] = a > b ? [a, b] : [b, a];
  return hi + Math.log1p(Math.exp(lo - hi));
}

function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i++) sum += Math.log(i);
  return sum;
}

export interface SpikeInput {
  /** Complaints in the current window. */
  count: number;
  /** Counts of earlier windows of the same length, oldest first. */
  history: readonly number[];
  /** Counts of the same window a week, two weeks … ago, when that much history exists. */
  sameHourOfWeek?: readonly number[];
}

export interface SpikeVerdict {
  spike: boolean;
  count: number;
  baseline: number;
  ratio: number;
  /** log10 of the Poisson tail probability (−4 means 1 in 10,000). */
  log10p: number;
  baselineSource: 'floor' | 'ewma' | 'same_hour_of_week';
}

/**
 * Is this window's count a spike? The baseline is the mean of the same window in earlier weeks
 * when at least three weeks exist, else the EWMA of earlier windows, never below the floor. A spike
 * needs the minimum count, the minimum ratio over the baseline, and a Poisson tail probability
 * under the threshold: steady or slowly rising load stays quiet, a sudden multiple does not.
 */
export function detectSpike(
  input: SpikeInput,
  settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS,
): SpikeVerdict {
  const weekly = input.sameHourOfWeek ?? [];
  const smoothed = ewma(input.history, settings.alpha);
  let baseline: number;
  let source: SpikeVerdict['baselineSource'];
  if (weekly.length >= 3) {
    baseline = weekly.reduce((s, c) => s + c, 0) / weekly.length;
    source = 'same_hour_of_week';
    // A week-ago baseline must not hide what the last hours already show.
    if (smoothed !== null && smoothed > baseline) baseline = smoothed;
  } else if (smoothed !== null) {
    baseline = smoothed;
    source = 'ewma';
  } else {
    baseline = settings.floor;
    source = 'floor';
  }
  if (baseline < settings.floor) {
    baseline = settings.floor;
    if (source === 'ewma') source = 'floor';
  }
  const log10p = logPoissonTail(input.count, baseline) / Math.LN10;
  const ratio = input.count / baseline;
  return {
    spike:
      input.count >= settings.minCount &&
      ratio >= settings.minRatio &&
      log10p <= Math.log10(settings.maxTailProbability),
    count: input.count,
    baseline: Math.round(baseline * 100) / 100,
    ratio: Math.round(ratio * 100) / 100,
    log10p: Math.round(log10p * 100) / 100,
    baselineSource: source,
  };
}

/** Severity from the size of the spike: how many and how many times the usual. */
export function severityOf(
  count: number,
  ratio: number,
  category: string,
): 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' {
  let severity: 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' =
    count >= 500 || ratio >= 50
      ? 'SEV1'
      : count >= 200 || ratio >= 20
        ? 'SEV2'
        : count >= 50 || ratio >= 8
          ? 'SEV3'
          : 'SEV4';
  // Stolen accounts and leaked data hurt people even in small numbers.
  if ((category === 'account_security' || category === 'privacy_leak') && severity !== 'SEV1')
    severity = severity === 'SEV4' ? 'SEV3' : 'SEV2';
  return severity;
}

export interface TermCount {
  term: string;
  count: number;
}

/**
 * Key terms of a spike: words much more frequent in the window than in the baseline period
 * (scaled to the window's length), each in at least `minCount` complaints.
 */
export function spikingTerms(
  window: readonly TermCount[],
  baseline: ReadonlyMap<string, number>,
  baselineScale: number,
  settings: SpikeSettings = DEFAULT_SPIKE_SETTINGS,
  max = 5,
): { term: string; count: number; baseline: number }[] {
  return window
    .map((w) => {
      const expected = Math.max(settings.floor, (baseline.get(w.term) ?? 0) * baselineScale);
      return { term: w.term, count: w.count, baseline: expected };
    })
    .filter(
      (t) =>
        t.count >= settings.minCount &&
        t.count / t.baseline >= settings.minRatio &&
        logPoissonTail(t.count, t.baseline) / Math.LN10 <= Math.log10(settings.maxTailProbability),
    )
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term))
    .slice(0, max);
}
