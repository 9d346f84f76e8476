import { Injectable } from '@nestjs/common';
import type { Tx } from '@desk/platform';
import type { Unit } from './ledger.constants.js';
import type { PlannedEntry, TransferRequest } from './ledger.policy.js';

export interface StoredTransfer {
  id: string;
  idempotencyKey: string;
  requestHash: string;
  kind: string;
  reversesId: string | null;
  compensationId: string | null;
  incidentId: string | null;
  platformUserId: string | null;
  effectiveAt: Date;
  createdAt: Date;
}

export interface NewAccount {
  unit: Unit;
  negative: boolean;
  owner: { ownerKind: string; ownerId: string };
}

export interface LockedAccount {
  id: string;
  balance: bigint;
  version: bigint;
  allowNegative: boolean;
}

const TRANSFER_COLUMNS = `id::text, idempotency_key AS "idempotencyKey", request_hash AS "requestHash", kind,
  reverses_id::text AS "reversesId", compensation_id AS "compensationId", incident_id AS "incidentId",
  platform_user_id AS "platformUserId", effective_at AS "effectiveAt", created_at AS "createdAt"`;

/**
 * The ledger's SQL, set-based: every call handles a whole batch of transfers in one statement, so a
 * batch costs a fixed number of round trips whatever its size.
 */
@Injectable()
export class LedgerRepository {
  /** Transaction-scoped locks on keys, taken in one order everywhere (no deadlocks between batches). */
  async lockKeys(tx: Tx, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await tx.query(
      `SELECT pg_advisory_xact_lock(h) FROM (
         SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest($1::text[]) AS k ORDER BY 1) s`,
      [keys],
    );
  }

  async transfersByKey(tx: Tx, keys: readonly string[]): Promise<Map<string, StoredTransfer>> {
    const rows = (await tx.query(
      `SELECT ${TRANSFER_COLUMNS} FROM ledger_transfers WHERE idempotency_key = ANY($1)`,
      [keys],
    )) as StoredTransfer[];
    return new Map(rows.map((r) => [r.idempotencyKey, r]));
  }

  async closedPeriods(tx: Tx, periods: readonly string[]): Promise<Set<string>> {
    const rows = (await tx.query('SELECT period FROM ledger_periods WHERE period = ANY($1)', [
      [...new Set(periods)],
    ])) as { period: string }[];
    return new Set(rows.map((r) => r.period));
  }

  async reversedAmong(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await tx.query(
      'SELECT reverses_id::text AS id FROM ledger_transfers WHERE reverses_id = ANY($1::bigint[])',
      [ids],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  /** Locks the accounts of these keys that exist, in id order, and returns their state. */
  async lockExisting(tx: Tx, keys: readonly string[]): Promise<Map<string, LockedAccount>> {
    const rows = (await tx.query(
      `SELECT id::text, key, balance::text, version::text, allow_negative FROM ledger_accounts
        WHERE key = ANY($1) ORDER BY id FOR UPDATE`,
      [keys],
    )) as { id: string; key: string; balance: string; version: string; allow_negative: boolean }[];
    return new Map(
      rows.map((r) => [
        r.key,
        {
          id: r.id,
          balance: BigInt(r.balance),
          version: BigInt(r.version),
          allowNegative: r.allow_negative,
        },
      ]),
    );
  }

  /**
   * Creates accounts with their balance and version already applied; null (and nothing created)
   * when another transaction created one of them first.
   */
  async createAccounts(
    tx: Tx,
    accounts: (NewAccount & { key: string; balance: bigint; version: bigint })[],
  ): Promise<Map<string, string> | null> {
    if (accounts.length === 0) return new Map();
    await tx.query('SAVEPOINT ledger_new_accounts');
    const rows = (await tx.query(
      `INSERT INTO ledger_accounts (key, owner_kind, owner_id, unit, allow_negative, balance, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::bigint[], $7::bigint[])
       ON CONFLICT (key) DO NOTHING
       RETURNING id::text, key`,
      [
        accounts.map((a) => a.key),
        accounts.map((a) => a.owner.ownerKind),
        accounts.map((a) => a.owner.ownerId),
        accounts.map((a) => a.unit),
        accounts.map((a) => a.negative),
        accounts.map((a) => a.balance.toString()),
        accounts.map((a) => a.version.toString()),
      ],
    )) as { id: string; key: string }[];
    if (rows.length < accounts.length) {
      await tx.query('ROLLBACK TO SAVEPOINT ledger_new_accounts');
      return null;
    }
    await tx.query('RELEASE SAVEPOINT ledger_new_accounts');
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Creates missing accounts, then locks all of them in id order and returns their state. */
  async lockAccounts(
    tx: Tx,
    accounts: Map<string, NewAccount>,
  ): Promise<Map<string, LockedAccount>> {
    const keys = [...accounts.keys()];
    const values = [...accounts.values()];
    await tx.query(
      `INSERT INTO ledger_accounts (key, owner_kind, owner_id, unit, allow_negative)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[])
       ON CONFLICT (key) DO NOTHING`,
      [
        keys,
        values.map((v) => v.owner.ownerKind),
        values.map((v) => v.owner.ownerId),
        values.map((v) => v.unit),
        values.map((v) => v.negative),
      ],
    );
    return this.lockExisting(tx, keys);
  }

  async insertTransfers(
    tx: Tx,
    transfers: { request: TransferRequest; requestHash: string; effectiveAt: Date }[],
  ): Promise<StoredTransfer[]> {
    const col = <T>(f: (t: (typeof transfers)[number]) => T) => transfers.map(f);
    return (await tx.query(
      `INSERT INTO ledger_transfers (idempotency_key, request_hash, kind, reverses_id, compensation_id,
                                     incident_id, rule_id, rule_version, category, platform_user_id,
                                     memo, effective_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::uuid[], $6::uuid[],
                            $7::uuid[], $8::int[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])
       RETURNING ${TRANSFER_COLUMNS}`,
      [
        col((t) => t.request.idempotencyKey),
        col((t) => t.requestHash),
        col((t) => t.request.kind),
        col((t) => t.request.reference?.reversesId ?? null),
        col((t) => t.request.reference?.compensationId ?? null),
        col((t) => t.request.reference?.incidentId ?? null),
        col((t) => t.request.reference?.ruleId ?? null),
        col((t) => t.request.reference?.ruleVersion ?? null),
        col((t) => t.request.reference?.category ?? null),
        col((t) => t.request.reference?.platformUserId ?? null),
        col((t) => t.request.memo ?? null),
        col((t) => t.effectiveAt),
      ],
    )) as StoredTransfer[];
  }

  async insertEntries(
    tx: Tx,
    entries: (PlannedEntry & { transferId: string; accountId: string; effectiveAt: Date })[],
  ): Promise<void> {
    await tx.query(
      `INSERT INTO ledger_entries (transfer_id, account_id, unit, amount, balance_after, account_version, effective_at)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                            $7::timestamptz[])`,
      [
        entries.map((e) => e.transferId),
        entries.map((e) => e.accountId),
        entries.map((e) => e.unit),
        entries.map((e) => e.amount.toString()),
        entries.map((e) => e.balanceAfter.toString()),
        entries.map((e) => e.version.toString()),
        entries.map((e) => e.effectiveAt),
      ],
    );
  }

  async saveBalances(
    tx: Tx,
    accounts: { id: string; balance: bigint; version: bigint }[],
  ): Promise<void> {
    if (accounts.length === 0) return;
    await tx.query(
      `UPDATE ledger_accounts a SET balance = v.balance, version = v.version
         FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS v(id, balance, version)
        WHERE a.id = v.id`,
      [
        accounts.map((a) => a.id),
        accounts.map((a) => a.balance.toString()),
        accounts.map((a) => a.version.toString()),
      ],
    );
  }
}
