import { Injectable } from '@nestjs/common';
import { DomainError } from '@desk/platform';
import { DataSource } from 'typeorm';
import type { SlaReport, SlaReportQuery, SlaReportRow } from './report.dto.js';
import { TicketErrorCode } from './tickets.constants.js';

/** Whitelisted grouping columns: the only text ever placed into the report's SQL. */
const GROUP_COLUMN = {
  queue: 't.queue_key',
  category: 't.category',
  priority: 't.priority',
} as const;

interface Row {
  key: string | null;
  is_total: number;
  volume: number;
  fr_p50: number | null;
  fr_p90: number | null;
  res_p50: number | null;
  res_p90: number | null;
  breached: number;
  csat: string | null;
  csat_n: number;
}

/** The report's SQL for a grouping ($1 from, $2 to); shared with the scale test's EXPLAIN. */
export function slaReportSql(groupBy: keyof typeof GROUP_COLUMN): string {
  const column = GROUP_COLUMN[groupBy];
  const fr = 'extract(epoch FROM t.first_responded_at - t.created_at)';
  const res = 'extract(epoch FROM t.resolved_at - t.created_at)';
  return `SELECT ${column} AS key, grouping(${column}) AS is_total, count(*)::int AS volume,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${fr}) FILTER (WHERE t.first_responded_at IS NOT NULL) AS fr_p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${fr}) FILTER (WHERE t.first_responded_at IS NOT NULL) AS fr_p90,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY ${res}) FILTER (WHERE t.resolved_at IS NOT NULL) AS res_p50,
              percentile_cont(0.9) WITHIN GROUP (ORDER BY ${res}) FILTER (WHERE t.resolved_at IS NOT NULL) AS res_p90,
              count(*) FILTER (WHERE t.breached)::int AS breached,
              avg(t.satisfaction_rating) AS csat,
              count(t.satisfaction_rating)::int AS csat_n
         FROM tickets t
        WHERE t.created_at >= $1 AND t.created_at < $2
        GROUP BY GROUPING SETS ((${column}), ())
        ORDER BY grouping(${column}), ${column}`;
}

const round = (n: number | null) => (n === null ? null : Math.round(n));

/**
 * SLA report over tickets opened in a period: volume, first-response and resolution time (median,
 * p90, in seconds of wall-clock time from opening), breach rate and mean satisfaction, per group
 * and in total, in one indexed pass over the period's tickets.
 */
@Injectable()
export class SlaReports {
  constructor(private readonly dataSource: DataSource) {}

  async report(query: SlaReportQuery): Promise<SlaReport> {
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
    if (to <= from)
      throw DomainError.invalid(TicketErrorCode.InvalidPeriod, 'to must be after from');
    const groupBy = query.groupBy ?? 'queue';
    const rows = (await this.dataSource.query(slaReportSql(groupBy), [from, to])) as Row[];
    const view = (r: Row): SlaReportRow => ({
      key: r.is_total ? 'total' : (r.key ?? ''),
      volume: r.volume,
      firstResponseMedianSeconds: round(r.fr_p50),
      firstResponseP90Seconds: round(r.fr_p90),
      resolutionMedianSeconds: round(r.res_p50),
      resolutionP90Seconds: round(r.res_p90),
      breachRate: r.volume ? Math.round((r.breached / r.volume) * 10_000) / 10_000 : 0,
      csatAverage: r.csat === null ? null : Math.round(Number(r.csat) * 100) / 100,
      csatResponses: r.csat_n,
    });
    const total = rows.find((r) => r.is_total);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy,
      rows: rows.filter((r) => !r.is_total).map(view),
      total: total
        ? view(total)
        : view({
            key: 'total',
            is_total: 1,
            volume: 0,
            fr_p50: null,
            fr_p90: null,
            res_p50: null,
            res_p90: null,
            breached: 0,
            csat: null,
            csat_n: 0,
          }),
    };
  }
}
