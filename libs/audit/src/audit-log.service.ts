import { Injectable } from '@nestjs/common';
import { beforeCommit, currentContext, type Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { AuditRecordEntity } from './audit-record.entity.js';
import type { AuditQuery } from './audit.dto.js';

/** Who caused a change: a staff member, the desk itself (worker, start-up), or an anonymous member of the public. */
export type Actor = { kind: 'staff'; id: string } | { kind: 'system' } | { kind: 'public' };

export const SYSTEM: Actor = { kind: 'system' };
export const PUBLIC: Actor = { kind: 'public' };

export interface AuditEntry {
  actor: Actor;
  /** Dotted verb, e.g. `staff.created`, `staff.updated`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: number;
  reason?: string;
}

interface AuditRow {
  actor_id: string | null;
  actor_kind: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

function write(tx: Tx, rows: readonly AuditRow[]): Promise<unknown> {
  return tx.query('SELECT audit_append_many($1::jsonb)', [JSON.stringify(rows)]);
}

/** JSON-safe copy: bigints become strings, undefined fields disappear, dates become ISO strings. */
function toJson(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * The append-only audit trail. `append` runs inside the caller's transaction, so an audit record
 * exists exactly when the change it describes was committed. The hash chain is extended by the
 * database function `audit_append_many`, which locks the chain head row: appends are serialised
 * (one line, no forks) while everything else in the transaction runs concurrently.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Records waiting for their transaction's commit. */
  private readonly pending = new WeakMap<Tx, AuditRow[]>();

  /**
   * Records a change in the caller's transaction. In a transaction opened by `Transactions.run`
   * the records are written together just before commit, so the chain head (appends serialise on
   * it until commit) is held only for the transaction's last moments; elsewhere, at once.
   */
  async append(tx: Tx, entry: AuditEntry): Promise<void> {
    await this.appendMany(tx, [entry]);
  }

  /** Many records in order, under one lock of the chain head and in one round trip. */
  async appendMany(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const requestId = currentContext()?.requestId ?? null;
    const rows = entries.map((e): AuditRow => ({
      actor_id: e.actor.kind === 'staff' ? e.actor.id : null,
      actor_kind: e.actor.kind,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      before: e.before === undefined ? null : JSON.parse(toJson(e.before) ?? 'null'),
      after: e.after === undefined ? null : JSON.parse(toJson(e.after) ?? 'null'),
      request_id: requestId,
    }));
    const waiting = this.pending.get(tx);
    if (waiting) {
      waiting.push(...rows);
      return;
    }
    const deferred = beforeCommit(tx, async () => {
      const batch = this.pending.get(tx) ?? [];
      this.pending.delete(tx);
      await write(tx, batch);
    });
    if (deferred) this.pending.set(tx, rows);
    else await write(tx, rows);
  }

  async list(query: AuditQuery): Promise<{ items: AuditRecordEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditRecordEntity).createQueryBuilder('a');
    if (query.entityType)
      qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('a.actor_id = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.occurred_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('a.occurred_at < :to', { to: query.to });
    const [items, total] = await qb
      .orderBy('a.id', 'DESC')
      .skip((query.page - 1) * query.limit)
      .take(query.limit)
      .getManyAndCount();
    return { items, total };
  }

  /**
   * Recomputes every record's hash in the database and checks the links between records and the
   * chain head. Returns the first record whose content, link or position no longer matches.
   */
  async verify(): Promise<VerifyResult> {
    const [chain] = (await this.dataSource.query(`
      WITH chain AS (
        SELECT id, hash, prev_hash,
               audit_row_hash(id, occurred_at, actor_id, actor_kind, action, entity_type, entity_id,
                              before, after, request_id, prev_hash) AS expected,
               lag(hash) OVER (ORDER BY id) AS prev_actual,
               lag(id) OVER (ORDER BY id) AS prev_id
        FROM audit_log
      )
      SELECT count(*)::int AS checked,
             min(id) FILTER (WHERE hash <> expected) AS content_broken,
             min(id) FILTER (WHERE prev_hash <> coalesce(prev_actual, repeat('0', 64))
                               OR id <> coalesce(prev_id, 0) + 1) AS link_broken,
             max(id) AS last_id,
             (array_agg(hash ORDER BY id DESC))[1] AS last_hash
      FROM chain`)) as {
      checked: number;
      content_broken: string | null;
      link_broken: string | null;
      last_id: string | null;
      last_hash: string | null;
    }[];
    const [head] = (await this.dataSource.query(
      'SELECT last_id, last_hash FROM audit_chain_head',
    )) as {
      last_id: string;
      last_hash: string;
    }[];
    const checked = chain.checked;
    const content = chain.content_broken === null ? undefined : Number(chain.content_broken);
    const link = chain.link_broken === null ? undefined : Number(chain.link_broken);
    if (content !== undefined && (link === undefined || content <= link)) {
      return {
        ok: false,
        checked,
        brokenAt: content,
        reason: 'record content does not match its hash',
      };
    }
    if (link !== undefined) {
      return {
        ok: false,
        checked,
        brokenAt: link,
        reason: 'record does not follow the previous one',
      };
    }
    if (
      Number(head.last_id) !== Number(chain.last_id ?? 0) ||
      head.last_hash !== (chain.last_hash ?? head.last_hash)
    ) {
      return {
        ok: false,
        checked,
        brokenAt: Number(chain.last_id ?? 0) + 1,
        reason: 'records are missing at the end of the chain',
      };
    }
    return { ok: true, checked };
  }
}
