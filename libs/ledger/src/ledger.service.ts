import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog, type AuditEntry } from '@desk/audit';
import { DomainError, type Tx } from '@desk/platform';
import { LedgerErrorCode, type Unit } from './ledger.constants.js';
import {
  accountKey,
  type AccountState,
  applyLegs,
  mayGoNegative,
  ownerOf,
  periodOf,
  type PlannedEntry,
  requestHash,
  type TransferRequest,
  transferProblems,
} from './ledger.policy.js';
import { LedgerRepository, type NewAccount, type StoredTransfer } from './ledger.repository.js';

export interface Posted {
  transfer: StoredTransfer;
  /** True when the key had been used with the same request before: nothing new was written. */
  replayed: boolean;
}

export type PostOutcome = { ok: true; posted: Posted } | { ok: false; error: DomainError };

/**
 * Posts transfers inside the caller's transaction, many at a time, set-based: claims the
 * idempotency keys (advisory locks, so one key is decided once), answers replays, locks every
 * account involved in one ordered statement, applies the legs in memory (refusing any that would
 * overdraw a wallet or budget), then writes transfers, entries, balances and one audit record per
 * transfer with a handful of statements. A transfer that cannot be posted gets its error; the
 * others in the batch are not affected. The database re-checks everything that matters
 * (zero-sum per transfer, non-negative balances, gapless versions, closed periods, append-only).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly audit: AuditLog,
  ) {}

  /** One transfer in the caller's transaction; throws its error. */
  async post(tx: Tx, request: TransferRequest, actor: Actor): Promise<Posted> {
    const [outcome] = await this.postMany(tx, [request], actor);
    if (!outcome.ok) throw outcome.error;
    return outcome.posted;
  }

  /**
   * `audit: 'none'` is for bulk callers that write their own summary record in the same
   * transaction (an incident plan's chunk); everyone else gets one record per transfer.
   */
  async postMany(
    tx: Tx,
    requests: readonly TransferRequest[],
    actor: Actor,
    options: { audit?: 'each' | 'none' } = {},
  ): Promise<PostOutcome[]> {
    const now = new Date();
    const outcomes: (PostOutcome | undefined)[] = requests.map(() => undefined);
    const hashes = requests.map(requestHash);
    const fail = (i: number, code: LedgerErrorCode, message: string) =>
      (outcomes[i] = { ok: false, error: DomainError.conflict(code, message) });

    for (const [i, request] of requests.entries()) {
      const problems = transferProblems(request);
      if (problems.length > 0) {
        outcomes[i] = {
          ok: false,
          error: DomainError.invalid(
            LedgerErrorCode.InvalidTransfer,
            problems.join('; '),
            problems,
          ),
        };
      }
    }

    // One decision per key, across every process: replays and conflicts are answered from storage.
    const keys = requests.map((r) => r.idempotencyKey);
    const reversed = requests.flatMap((r) =>
      r.reference?.reversesId ? [`reverses:${r.reference.reversesId}`] : [],
    );
    await this.ledger.lockKeys(tx, [...keys, ...reversed]);
    const existing = await this.ledger.transfersByKey(tx, keys);
    const seen = new Map<string, number>();
    for (const [i, request] of requests.entries()) {
      if (outcomes[i]) continue;
      const stored = existing.get(request.idempotencyKey);
      const earlier = seen.get(request.idempotencyKey);
      if (stored || earlier !== undefined) {
        const sameBody = stored ? stored.requestHash === hashes[i] : hashes[earlier!] === hashes[i];
        if (!sameBody) {
          fail(
            i,
            LedgerErrorCode.IdempotencyKeyReused,
            'This idempotency key was used with another transfer',
          );
        } else if (stored) {
          outcomes[i] = { ok: true, posted: { transfer: stored, replayed: true } };
        }
        continue;
      }
      seen.set(request.idempotencyKey, i);
    }

    const closed = await this.ledger.closedPeriods(
      tx,
      requests.map((r) => periodOf(r.effectiveAt ?? now)),
    );
    const reversedAlready = await this.ledger.reversedAmong(
      tx,
      requests.flatMap((r) => (r.reference?.reversesId ? [r.reference.reversesId] : [])),
    );
    for (const [i, request] of requests.entries()) {
      if (
        outcomes[i] ||
        !seen.has(request.idempotencyKey) ||
        seen.get(request.idempotencyKey) !== i
      )
        continue;
      if (closed.has(periodOf(request.effectiveAt ?? now)))
        fail(
          i,
          LedgerErrorCode.PeriodClosed,
          `Period ${periodOf(request.effectiveAt ?? now)} is closed`,
        );
      else if (request.reference?.reversesId && reversedAlready.has(request.reference.reversesId))
        fail(i, LedgerErrorCode.AlreadyReversed, 'This transfer has been reversed already');
    }

    const fresh = requests.flatMap((r, i) =>
      !outcomes[i] && seen.get(r.idempotencyKey) === i ? [i] : [],
    );
    if (fresh.length > 0)
      await this.write(tx, requests, hashes, fresh, outcomes, actor, now, options.audit ?? 'each');

    // Repeats of a key inside this batch answer like the first of them.
    for (const [i, request] of requests.entries()) {
      if (outcomes[i]) continue;
      const first = outcomes[seen.get(request.idempotencyKey)!]!;
      outcomes[i] = first.ok ? { ok: true, posted: { ...first.posted, replayed: true } } : first;
    }
    return outcomes as PostOutcome[];
  }

  private async write(
    tx: Tx,
    requests: readonly TransferRequest[],
    hashes: string[],
    fresh: number[],
    outcomes: (PostOutcome | undefined)[],
    actor: Actor,
    now: Date,
    audit: 'each' | 'none',
  ): Promise<void> {
    const accounts = new Map<
      string,
      { unit: Unit; negative: boolean; owner: { ownerKind: string; ownerId: string } }
    >();
    for (const i of fresh) {
      for (const leg of requests[i].legs) {
        accounts.set(accountKey(leg.account, leg.unit), {
          unit: leg.unit,
          negative: mayGoNegative(leg.account),
          owner: ownerOf(leg.account),
        });
      }
    }
    const { states, ids, accepted } = await this.applyAll(tx, requests, fresh, accounts, outcomes);
    if (accepted.length === 0) return;

    const stored = await this.ledger.insertTransfers(
      tx,
      accepted.map(({ i }) => ({
        request: requests[i],
        requestHash: hashes[i],
        effectiveAt: requests[i].effectiveAt ?? now,
      })),
    );
    await this.ledger.insertEntries(
      tx,
      accepted.flatMap(({ i, entries }, n) =>
        entries.map((e) => ({
          ...e,
          transferId: stored[n].id,
          accountId: ids.get(e.accountKey)!.id,
          effectiveAt: requests[i].effectiveAt ?? now,
        })),
      ),
    );
    await this.ledger.saveBalances(
      tx,
      [...states]
        .filter(
          ([key, state]) => state.version !== ids.get(key)!.versionBefore && !ids.get(key)!.created,
        )
        .map(([key, state]) => ({
          id: ids.get(key)!.id,
          balance: state.balance,
          version: state.version,
        })),
    );
    const audits: AuditEntry[] = accepted.map(({ i, entries }, n) => ({
      actor,
      action: 'ledger.transfer_posted',
      entityType: 'ledger_transfer',
      entityId: stored[n].id,
      after: {
        kind: requests[i].kind,
        idempotencyKey: requests[i].idempotencyKey,
        effectiveAt: stored[n].effectiveAt,
        reference: requests[i].reference ?? {},
        entries: entries.map((e) => ({ account: e.accountKey, amount: e.amount.toString() })),
      },
    }));
    if (audit === 'each') await this.audit.appendMany(tx, audits);
    accepted.forEach(
      ({ i }, n) => (outcomes[i] = { ok: true, posted: { transfer: stored[n], replayed: false } }),
    );
  }

  /**
   * Locks the existing accounts, applies every transfer in memory (refusing those that would
   * overdraw), and creates the accounts that did not exist with their final balance in one insert.
   * Two transactions creating the same new account at once are rare: the loser rolls back to a
   * savepoint and takes the slow path (create empty, lock all, apply again).
   */
  private async applyAll(
    tx: Tx,
    requests: readonly TransferRequest[],
    fresh: number[],
    accounts: Map<string, NewAccount>,
    outcomes: (PostOutcome | undefined)[],
  ): Promise<{
    states: Map<string, AccountState>;
    ids: Map<string, { id: string; versionBefore: bigint; created: boolean }>;
    accepted: { i: number; entries: PlannedEntry[] }[];
  }> {
    const apply = (states: Map<string, AccountState>) => {
      const accepted: { i: number; entries: PlannedEntry[] }[] = [];
      for (const i of fresh) {
        const applied = applyLegs(requests[i].legs, states);
        if ('overdrawn' in applied) {
          outcomes[i] = {
            ok: false,
            error: DomainError.conflict(
              LedgerErrorCode.InsufficientFunds,
              `Not enough on ${applied.overdrawn.split(':')[0]} account for this transfer`,
            ),
          };
        } else accepted.push({ i, entries: applied.entries });
      }
      return accepted;
    };
    const existing = await this.ledger.lockExisting(tx, [...accounts.keys()]);
    const states = new Map<string, AccountState>();
    for (const [key, account] of accounts) {
      const found = existing.get(key);
      states.set(key, found ?? { balance: 0n, version: 0n, allowNegative: account.negative });
    }
    const accepted = apply(states);
    const missing = [...states].filter(([key, st]) => !existing.has(key) && st.version > 0n);
    const created = await this.ledger.createAccounts(
      tx,
      missing.map(([key, st]) => ({
        key,
        ...accounts.get(key)!,
        balance: st.balance,
        version: st.version,
      })),
    );
    if (created) {
      const ids = new Map<string, { id: string; versionBefore: bigint; created: boolean }>();
      for (const [key, a] of existing)
        ids.set(key, { id: a.id, versionBefore: a.version, created: false });
      for (const [key, id] of created) ids.set(key, { id, versionBefore: 0n, created: true });
      return { states, ids, accepted };
    }
    // Someone created one of these accounts meanwhile: start over the safe way.
    for (const i of fresh) outcomes[i] = undefined;
    const locked = await this.ledger.lockAccounts(tx, accounts);
    const retried = new Map<string, AccountState>(
      [...locked].map(([key, a]) => [
        key,
        { balance: a.balance, version: a.version, allowNegative: a.allowNegative },
      ]),
    );
    const ids = new Map(
      [...locked].map(([key, a]) => [key, { id: a.id, versionBefore: a.version, created: false }]),
    );
    return { states: retried, ids, accepted: apply(retried) };
  }
}
