import {
  DEFAULT_SPIKE_SETTINGS,
  detectSpike,
  ewma,
  logPoissonTail,
  severityOf,
  spikingTerms,
} from './spike.policy.js';

/** A deterministic pseudo-random Poisson-ish series around a mean (no flaky randomness). */
function series(mean: number, length: number, seed = 7): number[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length }, () =>
    Math.max(0, Math.round(mean + (next() - 0.5) * 2 * Math.sqrt(mean) * 1.5)),
  );
}

describe('logPoissonTail', () => {
  it('matches known values', () => {
    // P(X ≥ 1 | λ = 1) = 1 − e^−1
    expect(Math.exp(logPoissonTail(1, 1))).toBeCloseTo(1 - Math.exp(-1), 10);
    // P(X ≥ 0) = 1; P(X ≥ 20 | λ = 4) = 1.0200e-8 (sum of the exact terms)
    expect(logPoissonTail(0, 3)).toBe(0);
    expect(Math.exp(logPoissonTail(20, 4)) / 1.02005e-8).toBeCloseTo(1, 4);
  });

  it('does not underflow for large counts', () => {
    expect(Number.isFinite(logPoissonTail(5000, 100))).toBe(true);
  });
});

describe('detectSpike', () => {
  it('stays quiet on steady load, window after window', () => {
    const load = series(40, 200);
    for (let i = 24; i < load.length; i++) {
      const verdict = detectSpike({ count: load[i], history: load.slice(i - 24, i) });
      expect(verdict.spike).toBe(false);
    }
  });

  it('stays quiet on slowly rising load (+2% a window)', () => {
    const load = Array.from({ length: 120 }, (_, i) => Math.round(30 * 1.02 ** i));
    for (let i = 24; i < load.length; i++)
      expect(detectSpike({ count: load[i], history: load.slice(i - 24, i) }).spike).toBe(false);
  });

  it('alarms within one window for a 5× spike', () => {
    const load = series(30, 48);
    const verdict = detectSpike({ count: 150, history: load.slice(-24) });
    expect(verdict).toMatchObject({ spike: true, baselineSource: 'ewma' });
    expect(verdict.ratio).toBeGreaterThan(4);
  });

  it('alarms on an empty database once the minimum is reached, not before', () => {
    expect(detectSpike({ count: 19, history: [] }).spike).toBe(false);
    expect(detectSpike({ count: 20, history: [] })).toMatchObject({
      spike: true,
      baselineSource: 'floor',
    });
  });

  it('uses the same hour of earlier weeks once three weeks exist', () => {
    // Mondays at nine are busy: 100 is normal then, though the night before was quiet.
    const nightBefore = series(10, 24);
    expect(detectSpike({ count: 100, history: nightBefore }).spike).toBe(true);
    expect(
      detectSpike({ count: 100, history: nightBefore, sameHourOfWeek: [95, 110, 90] }),
    ).toMatchObject({ spike: false, baselineSource: 'same_hour_of_week' });
  });

  it('needs the minimum count even when the ratio is huge', () => {
    expect(detectSpike({ count: 15, history: Array(24).fill(0) }).spike).toBe(false);
  });
});

describe('ewma and severity', () => {
  it('weights recent windows more', () => {
    expect(ewma([10, 10, 10, 40], 0.3)).toBeCloseTo(19, 5);
    expect(ewma([], 0.3)).toBeNull();
  });

  it('grades severity by size and by harm', () => {
    expect(severityOf(600, 6, 'functional_defect')).toBe('SEV1');
    expect(severityOf(60, 5, 'marketing_abuse')).toBe('SEV3');
    expect(severityOf(25, 4, 'ux_design')).toBe('SEV4');
    expect(severityOf(25, 4, 'privacy_leak')).toBe('SEV3');
  });
});

describe('spikingTerms', () => {
  it('finds the words that carry the spike', () => {
    const window = [
      { term: '消息', count: 60 },
      { term: '延迟', count: 55 },
      { term: '卡顿', count: 6 },
    ];
    const baseline = new Map([
      ['消息', 40],
      ['延迟', 2],
      ['卡顿', 30],
    ]);
    // Baseline counted over 24 windows: scale 1/24 to one window.
    expect(
      spikingTerms(window, baseline, 1 / 24, DEFAULT_SPIKE_SETTINGS).map((t) => t.term),
    ).toEqual(['消息', '延迟']);
  });
});
