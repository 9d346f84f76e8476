import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type {
  AccountBalances,
  ClosedPeriod,
  LedgerEntryPage,
  LedgerEntryView,
  LedgerSummary,
  ListEntriesQuery,
  PeriodQuery,
  SummaryQuery,
  TransferView,
  VerifyReport,
} from './finance.dto.js';
import { LedgerErrorCode } from './ledger.constants.js';
import { type Leg, parseAccountKey, periodOf } from './ledger.policy.js';
import { LedgerService } from './ledger.service.js';

const num = (v: string | number | null) => (v === null ? null : Number(v));

interface EntryRow {
  id: string;
  transfer_id: string;
  kind: string;
  account: string;
  unit: string;
  amount: string;
  balance_after: string;
  account_version: string;
  effective_at: Date;
  created_at: Date;
  platform_user_id: string | null;
  category: string | null;
  rule_id: string | null;
  rule_version: number | null;
  incident_id: string | null;
  compensation_id: string | null;
  reverses_id: string | null;
  memo: string | null;
}

const ENTRY_SELECT = `SELECT e.id, e.transfer_id, t.kind, a.key AS account, e.unit, e.amount, e.balance_after,
       e.account_version, e.effective_at, e.created_at, t.platform_user_id, t.category, t.rule_id,
       t.rule_version, t.incident_id, t.compensation_id, t.reverses_id, t.memo
  FROM ledger_entries e
  JOIN ledger_transfers t ON t.id = e.transfer_id
  JOIN ledger_accounts a ON a.id = e.account_id`;

const SUMMARY_KEY = {
  category: 't.category',
  rule: 't.rule_id::text',
  incident: 't.incident_id::text',
  day: "to_char(t.effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
} as const;

const CSV_COLUMNS = [
  'entry_id',
  'transfer_id',
  'effective_at',
  'created_at',
  'kind',
  'account',
  'unit',
  'amount',
  'balance_after',
  'platform_user_id',
  'category',
  'rule_id',
  'rule_version',
  'incident_id',
  'compensation_id',
  'reverses_id',
  'memo',
];

/** RFC 4180: quote a field when it holds a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What finance reads and does: entries, totals, the export, balances, period close, verify, reversal. */
@Injectable()
export class FinanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly ledger: LedgerService,
    private readonly audit: AuditLog,
  ) {}

  private where(q: Partial<ListEntriesQuery>): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      clauses.push(clause.replace('?', `$${params.length}`));
    };
    if (q.from) add('e.effective_at >= ?', q.from);
    if (q.to) add('e.effective_at < ?', q.to);
    if (q.unit) add('e.unit = ?', q.unit);
    if (q.account) add('a.key = ?', q.account);
    if (q.incidentId) add('t.incident_id = ?', q.incidentId);
    if (q.category) add('t.category = ?', q.category);
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  async entries(query: ListEntriesQuery): Promise<LedgerEntryPage> {
    const { sql, params } = this.where(query);
    const [rows, [{ n }]] = await Promise.all([
      this.dataSource.query(
        `${ENTRY_SELECT} ${sql} ORDER BY e.effective_at DESC, e.id DESC LIMIT ${query.limit} OFFSET ${(query.page - 1) * query.limit}`,
        params,
      ) as Promise<EntryRow[]>,
      this.dataSource.query(
        `SELECT count(*)::int AS n FROM ledger_entries e JOIN ledger_transfers t ON t.id = e.transfer_id
           JOIN ledger_accounts a ON a.id = e.account_id ${sql}`,
        params,
      ) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map(entryView), total: n, page: query.page, limit: query.limit };
  }

  /** Net grants to users (wallet credits minus reversals) per group, per unit. */
  async summary(query: SummaryQuery): Promise<LedgerSummary> {
    const { sql, params } = this.where(query);
    const key = SUMMARY_KEY[query.groupBy];
    const rows = (await this.dataSource.query(
      `SELECT ${key} AS key,
              coalesce(sum(e.amount) FILTER (WHERE e.unit = 'member_days'), 0)::text AS member_days,
              coalesce(sum(e.amount) FILTER (WHERE e.unit = 'q_coins'), 0)::text AS q_coins,
              count(DISTINCT e.transfer_id)::int AS transfers,
              count(DISTINCT a.owner_id)::int AS users
         FROM ledger_entries e
         JOIN ledger_transfers t ON t.id = e.transfer_id
         JOIN ledger_accounts a ON a.id = e.account_id
         ${sql ? `${sql} AND` : 'WHERE'} a.owner_kind = 'user'
        GROUP BY 1 ORDER BY 1 NULLS LAST`,
      params,
    )) as {
      key: string | null;
      member_days: string;
      q_coins: string;
      transfers: number;
      users: number;
    }[];
    return {
      groupBy: query.groupBy,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: rows.map((r) => ({
        key: r.key,
        memberDays: Number(r.member_days),
        qCoins: Number(r.q_coins),
        transfers: r.transfers,
        users: r.users,
      })),
    };
  }

  /**
   * Every entry of the period as CSV (RFC 4180, UTF-8 with BOM so Excel shows Chinese), streamed
   * in keyset-paged chunks: memory stays flat however large the ledger is.
   */
  async exportCsv(query: PeriodQuery, res: Response): Promise<void> {
    const { sql, params } = this.where(query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ledger-${query.from?.slice(0, 10) ?? 'all'}-${query.to?.slice(0, 10) ?? 'now'}.csv"`,
    );
    res.write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
    let after = '0';
    for (;;) {
      const rows = (await this.dataSource.query(
        `${ENTRY_SELECT} ${sql ? `${sql} AND` : 'WHERE'} e.id > $${params.length + 1} ORDER BY e.id LIMIT 5000`,
        [...params, after],
      )) as EntryRow[];
      if (rows.length === 0) break;
      const chunk = rows
        .map((r) =>
          [
            r.id,
            r.transfer_id,
            r.effective_at,
            r.created_at,
            r.kind,
            r.account,
            r.unit,
            r.amount,
            r.balance_after,
            r.platform_user_id,
            r.category,
            r.rule_id,
            r.rule_version,
            r.incident_id,
            r.compensation_id,
            r.reverses_id,
            r.memo,
          ]
            .map(csvField)
            .join(','),
        )
        .join('\r\n');
      if (!res.write(`${chunk}\r\n`)) await new Promise((resolve) => res.once('drain', resolve));
      after = rows[rows.length - 1].id;
    }
    res.end();
  }

  async balances(platformUserId: string): Promise<AccountBalances> {
    const rows = (await this.dataSource.query(
      `SELECT unit, balance::text FROM ledger_accounts WHERE owner_kind = 'user' AND owner_id = $1`,
      [platformUserId],
    )) as { unit: 'member_days' | 'q_coins'; balance: string }[];
    const balances = { member_days: 0, q_coins: 0 };
    for (const r of rows) balances[r.unit] = Number(r.balance);
    return { platformUserId, balances };
  }

  async closePeriod(actor: Actor, period: string): Promise<ClosedPeriod> {
    if (!/^(20\d\d)(0[1-9]|1[0-2])$/.test(period)) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'The period must be yyyymm, e.g. 202610',
      );
    }
    if (period > periodOf(new Date())) {
      throw DomainError.invalid(
        LedgerErrorCode.PeriodInFuture,
        'A period can be closed once it has begun',
      );
    }
    return this.transactions.run(async (tx) => {
      const rows = (await tx.query(
        `INSERT INTO ledger_periods (period, closed_by) VALUES ($1, $2)
         ON CONFLICT (period) DO NOTHING RETURNING closed_at`,
        [period, actor.kind === 'staff' ? actor.id : null],
      )) as { closed_at: Date }[];
      if (rows.length === 0) {
        throw DomainError.conflict(
          LedgerErrorCode.PeriodAlreadyClosed,
          `Period ${period} is closed already`,
        );
      }
      await this.audit.append(tx, {
        actor,
        action: 'ledger.period_closed',
        entityType: 'ledger_period',
        entityId: period,
        after: { period },
      });
      return { period, closedAt: rows[0].closed_at.toISOString() };
    });
  }

  /** Undoes a transfer with one that moves every entry back, referencing it; at most once. */
  async reverse(actor: Actor, transferId: string, reason: string): Promise<TransferView> {
    const entries = (await this.dataSource.query(
      `SELECT t.kind, t.compensation_id, t.incident_id, t.platform_user_id, t.category, a.key, e.amount::text
         FROM ledger_transfers t JOIN ledger_entries e ON e.transfer_id = t.id
         JOIN ledger_accounts a ON a.id = e.account_id
        WHERE t.id = $1 ORDER BY e.id`,
      [transferId],
    )) as {
      kind: string;
      compensation_id: string | null;
      incident_id: string | null;
      platform_user_id: string | null;
      category: string | null;
      key: string;
      amount: string;
    }[];
    if (entries.length === 0) {
      throw DomainError.notFound(LedgerErrorCode.TransferNotFound, 'No transfer with this id');
    }
    if (entries[0].kind === 'reversal') {
      throw DomainError.conflict(
        LedgerErrorCode.NotReversible,
        'A reversal is not reversed; post a new transfer',
      );
    }
    const legs: Leg[] = entries.map((e) => ({
      ...parseAccountKey(e.key),
      amount: -BigInt(e.amount),
    }));
    const first = entries[0];
    const posted = await this.transactions.run((tx) =>
      this.ledger.post(
        tx,
        {
          idempotencyKey: `reversal:${transferId}`,
          kind: 'reversal',
          legs,
          memo: reason,
          reference: {
            reversesId: transferId,
            compensationId: first.compensation_id ?? undefined,
            incidentId: first.incident_id ?? undefined,
            platformUserId: first.platform_user_id ?? undefined,
            category: first.category ?? undefined,
          },
        },
        actor,
      ),
    );
    return {
      id: Number(posted.transfer.id),
      kind: posted.transfer.kind,
      idempotencyKey: posted.transfer.idempotencyKey,
      reversesId: num(posted.transfer.reversesId),
      effectiveAt: posted.transfer.effectiveAt.toISOString(),
      replayed: posted.replayed,
    };
  }

  /**
   * Re-checks the ledger from its entries: every transfer sums to zero per unit and has entries,
   * every balance equals the sum of its account's entries, every account's versions run 1..n
   * without a gap, each entry's balance-after is the running sum, and no wallet or budget is
   * negative.
   */
  async verify(): Promise<VerifyReport> {
    const [[counts], unbalanced, empty, accounts, chains, negative] = await Promise.all([
      this.dataSource.query(
        `SELECT (SELECT count(*)::int FROM ledger_transfers) AS transfers,
                (SELECT count(*)::int FROM ledger_entries) AS entries,
                (SELECT count(*)::int FROM ledger_accounts) AS accounts`,
      ) as Promise<{ transfers: number; entries: number; accounts: number }[]>,
      this.dataSource.query(
        `SELECT transfer_id::text AS id FROM ledger_entries GROUP BY transfer_id, unit
         HAVING sum(amount) <> 0 LIMIT 20`,
      ) as Promise<{ id: string }[]>,
      this.dataSource.query(
        `SELECT t.id::text AS id FROM ledger_transfers t
          WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transfer_id = t.id) LIMIT 20`,
      ) as Promise<{ id: string }[]>,
      this.dataSource.query(
        `SELECT a.key FROM ledger_accounts a
           LEFT JOIN (SELECT account_id, sum(amount) AS total, count(*) AS n, max(account_version) AS top
                        FROM ledger_entries GROUP BY account_id) s ON s.account_id = a.id
          WHERE a.balance <> coalesce(s.total, 0) OR a.version <> coalesce(s.n, 0)
             OR coalesce(s.top, 0) <> coalesce(s.n, 0)
          LIMIT 20`,
      ) as Promise<{ key: string }[]>,
      this.dataSource.query(
        `SELECT DISTINCT a.key FROM (
           SELECT account_id, balance_after,
                  sum(amount) OVER (PARTITION BY account_id ORDER BY account_version) AS running
             FROM ledger_entries) x JOIN ledger_accounts a ON a.id = x.account_id
          WHERE x.balance_after <> x.running LIMIT 20`,
      ) as Promise<{ key: string }[]>,
      this.dataSource.query(
        `SELECT key FROM ledger_accounts WHERE NOT allow_negative AND balance < 0 LIMIT 20`,
      ) as Promise<{ key: string }[]>,
    ]);
    const problems = [
      ...unbalanced.map((r) => `transfer ${r.id} does not sum to zero`),
      ...empty.map((r) => `transfer ${r.id} has no entries`),
      ...accounts.map((r) => `account ${r.key}: balance or version differs from its entries`),
      ...chains.map((r) => `account ${r.key}: an entry's balance-after is not the running sum`),
      ...negative.map((r) => `account ${r.key} is negative`),
    ];
    return { ok: problems.length === 0, ...counts, problems };
  }
}

function entryView(r: EntryRow): LedgerEntryView {
  return {
    id: Number(r.id),
    transferId: Number(r.transfer_id),
    kind: r.kind,
    account: r.account,
    unit: r.unit,
    amount: Number(r.amount),
    balanceAfter: Number(r.balance_after),
    accountVersion: Number(r.account_version),
    effectiveAt: r.effective_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    platformUserId: r.platform_user_id,
    category: r.category,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    incidentId: r.incident_id,
    compensationId: r.compensation_id,
    reversesId: num(r.reverses_id),
  };
}
