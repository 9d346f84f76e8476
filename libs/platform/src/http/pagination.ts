import { ParseUUIDPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CommonErrorCode, DomainError } from '../errors/domain-error.js';

/** `page` and `limit` query parameters shared by every list route. */
export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
  /** Present and true when `total` is PostgreSQL's estimate (more than EXACT_TOTAL_UP_TO matches). */
  totalIsEstimate?: boolean;
}

/** Path parameter pipe: a malformed id is a 400 with the desk's error body, never a database error. */
export const UuidParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () =>
    DomainError.invalid(CommonErrorCode.ValidationFailed, 'id must be a UUID'),
});

/** Lists count exactly up to this many matches; beyond it, they give PostgreSQL's estimate. */
export const EXACT_TOTAL_UP_TO = 10_000;

/** The SQL that counts a filtered query's rows, stopping after EXACT_TOTAL_UP_TO + 1 of them. */
export function boundedCountSql(sql: string): string {
  return `SELECT count(*)::int AS n FROM (${sql} LIMIT ${EXACT_TOTAL_UP_TO + 1}) counted`;
}

/**
 * How many rows a filtered query matches: exact up to EXACT_TOTAL_UP_TO (counting stops there, so
 * a broad filter over a million rows costs what a narrow one does), then the planner's estimate,
 * flagged as such — the way large help desks show "10,000+".
 */
export async function boundedTotal(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  query: [string, unknown[]],
): Promise<{ total: number; totalIsEstimate: boolean }> {
  const [sql, params] = query;
  const [{ n }] = (await run(boundedCountSql(sql), params)) as { n: number }[];
  if (n <= EXACT_TOTAL_UP_TO) return { total: n, totalIsEstimate: false };
  const [plan] = (await run(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as {
    'QUERY PLAN': { Plan: { 'Plan Rows': number } }[];
  }[];
  const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
  return { total: Math.max(estimate, EXACT_TOTAL_UP_TO + 1), totalIsEstimate: true };
}

/** A page of a list query and the bounded total of its count query, side by side. */
export async function pageWithTotal<T extends ObjectLiteral>(
  dataSource: DataSource,
  list: SelectQueryBuilder<T>,
  count: SelectQueryBuilder<T>,
): Promise<{ items: T[]; total: number; totalIsEstimate: boolean }> {
  const [items, counted] = await Promise.all([
    list.getMany(),
    boundedTotal((sql, params) => dataSource.query(sql, params), count.getQueryAndParameters()),
  ]);
  return { items, ...counted };
}
