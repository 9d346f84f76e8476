import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import { CATEGORY_LABELS, type Category, ComplaintRepository } from '@desk/complaints';
import { AppConfig, PeriodicTask, Transactions, type Tx } from '@desk/platform';
import { Notifier } from '@desk/tickets';
import { ComplaintIncidents } from './complaint-incidents.service.js';
import { IncidentRepository } from './incident.repository.js';
import { PlanRunner } from './plan-runner.service.js';
import {
  detectSpike,
  severityOf,
  type SpikeSettings,
  type SpikeVerdict,
  spikingTerms,
} from './spike.policy.js';

/** Earlier windows the EWMA baseline looks at (24 × 15 min = 6 hours by default). */
const HISTORY_WINDOWS = 24;
const WEEKS_BACK = 4;
const WEEK_MS = 7 * 86_400_000;
/** Words too common to name a spike. */
const STOP_TERMS = new Set(
  'the and for with this that have has not you your are was were but its it’s cannot can’t 我们 你们 什么 怎么 为什么 就是 还是 一直 已经 没有 不是 可以 现在 今天 一下'.split(
    ' ',
  ),
);

export function autoTitle(category: string, terms: readonly string[]): string {
  const label = CATEGORY_LABELS[category as Category] ?? { zh: category, en: category };
  const base = `${label.zh} / ${label.en}: spike`;
  return terms.length ? `${base} (${terms.slice(0, 3).join(', ')})` : base;
}

interface CategoryDetection {
  category: string;
  verdict: SpikeVerdict;
  terms: { term: string; count: number; baseline: number }[];
}

/**
 * Watches complaint counts per category in a sliding window against their baseline (the worker,
 * every INCIDENT_DETECT_INTERVAL_SECONDS and shortly after triage). A spike of a category, or of
 * key terms inside it, opens that category's incident — or refines the open one (terms, stats)
 * instead of opening another — links the window's complaints, and tells the on-call supervisor.
 * One worker at a time runs it (a transaction-scoped advisory lock); the others skip.
 */
@Injectable()
export class SpikeDetector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SpikeDetector');
  private readonly task = new PeriodicTask(this.logger, 'detection', () => this.run());
  private pending?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly plans: PlanRunner,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
    private readonly port: ComplaintIncidents,
  ) {}

  private get settings(): SpikeSettings {
    return {
      minCount: this.config.INCIDENT_MIN_COUNT,
      minRatio: this.config.INCIDENT_MIN_RATIO,
      maxTailProbability: 10 ** -this.config.INCIDENT_SIGNIFICANCE_DIGITS,
      alpha: 0.3,
      floor: 2,
    };
  }

  onApplicationBootstrap(): void {
    this.port.whenTriaged(() => this.soon());
    this.task.start(this.config.INCIDENT_DETECT_INTERVAL_SECONDS * 1000);
  }

  onApplicationShutdown(): Promise<void> {
    clearTimeout(this.pending);
    return this.task.stop();
  }

  /** After triage: look again in a moment (many triaged complaints make one run). */
  soon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      void this.task.run();
    }, 500);
  }

  /** One detection pass; returns what it found per category with a spike. */
  run(now = new Date()): Promise<CategoryDetection[]> {
    return this.transactions.run(async (tx) => {
      const [{ locked }] = (await tx.query(
        "SELECT pg_try_advisory_xact_lock(hashtext('desk:spike-detector')) AS locked",
      )) as { locked: boolean }[];
      if (!locked) return [];
      const found = await this.detect(tx, now);
      for (const detection of found) await this.act(tx, detection, now);
      return found;
    });
  }

  private async detect(tx: Tx, now: Date): Promise<CategoryDetection[]> {
    const windowMs = this.config.INCIDENT_WINDOW_MINUTES * 60_000;
    const start = new Date(now.getTime() - windowMs);
    const counts = (await tx.query(
      `SELECT category, count(*)::int AS n FROM complaints
        WHERE created_at > $1 AND created_at <= $2 AND category IS NOT NULL AND status <> 'duplicate'
        GROUP BY category`,
      [start, now],
    )) as { category: string; n: number }[];
    const candidates = counts.filter((c) => c.n >= this.settings.minCount);
    if (candidates.length === 0) return [];
    const categories = candidates.map((c) => c.category);
    const history = (await tx.query(
      `SELECT category, floor(extract(epoch FROM ($1::timestamptz - created_at)) * 1000 / $2)::int AS k,
              count(*)::int AS n
         FROM complaints
        WHERE category = ANY($3) AND status <> 'duplicate'
          AND created_at > $1::timestamptz - make_interval(secs => $2 * $4 / 1000.0) AND created_at <= $1
        GROUP BY 1, 2`,
      [start, windowMs, categories, HISTORY_WINDOWS],
    )) as { category: string; k: number; n: number }[];
    const [{ oldest }] = (await tx.query('SELECT min(created_at) AS oldest FROM complaints')) as {
      oldest: Date | null;
    }[];
    const weeks = oldest
      ? Math.min(WEEKS_BACK, Math.floor((start.getTime() - oldest.getTime()) / WEEK_MS))
      : 0;
    const weekly = weeks
      ? ((await tx.query(
          `SELECT category, w, count(*)::int AS n FROM complaints,
                  generate_series(1, $4::int) AS w
            WHERE category = ANY($3) AND status <> 'duplicate'
              AND created_at > $1::timestamptz - w * interval '7 days'
              AND created_at <= $2::timestamptz - w * interval '7 days'
            GROUP BY 1, 2`,
          [start, now, categories, weeks],
        )) as { category: string; w: number; n: number }[])
      : [];

    const found: CategoryDetection[] = [];
    for (const { category, n } of candidates) {
      const series = Array.from({ length: HISTORY_WINDOWS }, (_, i) => {
        const k = HISTORY_WINDOWS - 1 - i; // oldest first
        return history.find((h) => h.category === category && h.k === k)?.n ?? 0;
      });
      // Windows before the first complaint ever are not "quiet": they did not exist.
      const known = oldest
        ? series.slice(
            Math.max(
              0,
              HISTORY_WINDOWS - Math.ceil((start.getTime() - oldest.getTime()) / windowMs),
            ),
          )
        : [];
      const sameHour = Array.from(
        { length: weeks },
        (_, i) => weekly.find((r) => r.category === category && r.w === i + 1)?.n ?? 0,
      );
      const verdict = detectSpike(
        { count: n, history: known, sameHourOfWeek: sameHour },
        this.settings,
      );
      const terms = await this.terms(tx, category, start, now, known.length, windowMs);
      if (verdict.spike || terms.length > 0) found.push({ category, verdict, terms });
    }
    return found;
  }

  /** Words of the window's complaints that spike against the history (same windows as the baseline). */
  private async terms(
    tx: Tx,
    category: string,
    start: Date,
    now: Date,
    windows: number,
    windowMs: number,
  ) {
    const window = (await tx.query(
      `SELECT term, count(DISTINCT id)::int AS count
         FROM complaints, unnest(string_to_array(search_text, ' ')) AS term
        WHERE category = $1 AND created_at > $2 AND created_at <= $3 AND status <> 'duplicate'
          AND char_length(term) >= 2 AND term !~ '^[0-9]+$'
        GROUP BY term HAVING count(DISTINCT id) >= $4
        ORDER BY 2 DESC LIMIT 30`,
      [category, start, now, this.settings.minCount],
    )) as { term: string; count: number }[];
    const candidates = window.filter((w) => !STOP_TERMS.has(w.term));
    if (candidates.length === 0) return [];
    const baseline =
      windows === 0
        ? []
        : ((await tx.query(
            `SELECT term, count(DISTINCT id)::int AS count
               FROM complaints, unnest(string_to_array(search_text, ' ')) AS term
              WHERE category = $1 AND status <> 'duplicate' AND term = ANY($4)
                AND created_at > $2::timestamptz - make_interval(secs => $3 / 1000.0) AND created_at <= $2
              GROUP BY term`,
            [category, start, windowMs * windows, candidates.map((c) => c.term)],
          )) as { term: string; count: number }[]);
    return spikingTerms(
      candidates,
      new Map(baseline.map((b) => [b.term, b.count])),
      windows === 0 ? 0 : 1 / windows,
      this.settings,
    );
  }

  private async act(tx: Tx, d: CategoryDetection, now: Date): Promise<void> {
    const since = new Date(now.getTime() - this.config.INCIDENT_WINDOW_MINUTES * 60_000);
    const terms = d.terms.map((t) => t.term);
    const detection = {
      ...d.verdict,
      windowMinutes: this.config.INCIDENT_WINDOW_MINUTES,
      terms: d.terms,
      at: now,
    };
    const open = await this.incidents.openInCategory(tx, d.category);
    if (open) {
      await tx.query('SELECT id FROM incidents WHERE id = $1 FOR UPDATE', [open.id]);
      const merged = [...new Set([...open.terms, ...terms])].slice(0, 8);
      const newTerms = merged.filter((t) => !open.terms.includes(t));
      const retitle =
        open.source === 'detector' && open.title === autoTitle(open.category, open.terms);
      await this.incidents.update(tx, open.id, {
        terms: merged,
        detection,
        ...(retitle && newTerms.length ? { title: autoTitle(open.category, merged) } : {}),
      });
      if (newTerms.length > 0) {
        await this.audit.append(tx, {
          actor: SYSTEM,
          action: 'incident.refined',
          entityType: 'incident',
          entityId: open.id,
          after: { terms: merged, count: d.verdict.count, ratio: d.verdict.ratio },
        });
      }
      await this.link(tx, open.id, d.category, since);
      return;
    }
    const incident = await this.incidents.insertIfNoneOpen(tx, {
      title: autoTitle(d.category, terms),
      category: d.category,
      status: 'detected',
      severity: severityOf(d.verdict.count, d.verdict.ratio, d.category),
      source: 'detector',
      terms,
      detection,
      createdBy: null,
    });
    if (!incident) return;
    await this.audit.append(tx, {
      actor: SYSTEM,
      action: 'incident.detected',
      entityType: 'incident',
      entityId: incident.id,
      after: {
        category: d.category,
        count: d.verdict.count,
        baseline: d.verdict.baseline,
        ratio: d.verdict.ratio,
        log10p: d.verdict.log10p,
        terms,
        severity: incident.severity,
      },
    });
    await this.link(tx, incident.id, d.category, since);
    await this.notifier.toOnCall(tx, now, {
      kind: 'incident_detected',
      title:
        `${incident.severity} incident detected: ${incident.title} (${d.verdict.count} complaints in ${this.config.INCIDENT_WINDOW_MINUTES} min)`.slice(
          0,
          200,
        ),
      data: { incidentId: incident.id, category: d.category },
    });
    this.logger.warn(`incident ${incident.id} opened: ${incident.title}`);
  }

  private async link(tx: Tx, incidentId: string, category: string, since: Date): Promise<void> {
    const linked = await this.complaints.linkRecentToIncident(tx, incidentId, category, since);
    if (linked === 0) return;
    await this.audit.append(tx, {
      actor: SYSTEM,
      action: 'incident.complaints_linked',
      entityType: 'incident',
      entityId: incidentId,
      after: { count: linked, since },
    });
    await this.plans.joined(tx, incidentId);
  }
}
