import { createHash } from 'node:crypto';
import {
  EXPENSE_SHARDS,
  MAX_AMOUNT,
  type TransferKind,
  type Unit,
  UNITS,
} from './ledger.constants.js';

/** Who an account belongs to: a platform user's wallet, a company expense shard, an incident budget. */
export type AccountRef =
  | { kind: 'wallet'; platformUserId: string }
  | { kind: 'expense'; shard: number }
  | { kind: 'budget'; incidentId: string };

export interface Leg {
  account: AccountRef;
  unit: Unit;
  /** Signed: positive credits the account, negative debits it. */
  amount: bigint;
}

/** What a transfer is about; stored with it so finance can filter and total. */
export interface TransferReference {
  compensationId?: string;
  incidentId?: string;
  ruleId?: string;
  ruleVersion?: number;
  category?: string;
  platformUserId?: string;
  reversesId?: string;
}

export interface TransferRequest {
  /** Kept for good: the same key and body give the same transfer, another body is refused. */
  idempotencyKey: string;
  kind: TransferKind;
  legs: Leg[];
  /** When the movement counts for finance (its period); defaults to now. */
  effectiveAt?: Date;
  memo?: string;
  reference?: TransferReference;
}

export function accountKey(account: AccountRef, unit: Unit): string {
  switch (account.kind) {
    case 'wallet':
      return `wallet:${account.platformUserId}:${unit}`;
    case 'expense':
      return `expense:${account.shard}:${unit}`;
    case 'budget':
      return `budget:${account.incidentId}:${unit}`;
  }
}

/** Company expense accounts are the only ones that go negative: they record what was given away. */
export const mayGoNegative = (account: AccountRef) => account.kind === 'expense';

export function ownerOf(account: AccountRef): { ownerKind: string; ownerId: string } {
  switch (account.kind) {
    case 'wallet':
      return { ownerKind: 'user', ownerId: account.platformUserId };
    case 'expense':
      return { ownerKind: 'company', ownerId: `shard-${account.shard}` };
    case 'budget':
      return { ownerKind: 'incident', ownerId: account.incidentId };
  }
}

/** A stable shard for a key: one transfer always debits the same shard, different ones spread out. */
export function expenseShard(key: string, shards = EXPENSE_SHARDS): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) % shards;
}

/** Problems that make a transfer impossible whatever the balances: empty, out of range, unbalanced. */
export function transferProblems(request: TransferRequest): string[] {
  const problems: string[] = [];
  if (request.legs.length < 2) problems.push('a transfer needs at least two legs');
  for (const leg of request.legs) {
    if (leg.amount === 0n) problems.push('a leg cannot move zero');
    if (leg.amount > MAX_AMOUNT || leg.amount < -MAX_AMOUNT) problems.push('a leg is out of range');
  }
  for (const unit of UNITS) {
    const sum = request.legs.filter((l) => l.unit === unit).reduce((s, l) => s + l.amount, 0n);
    if (sum !== 0n) problems.push(`${unit} legs sum to ${sum}, not zero`);
  }
  const keys = request.legs.map((l) => accountKey(l.account, l.unit));
  if (new Set(keys).size !== keys.length) problems.push('an account appears twice');
  return problems;
}

/** Canonical hash of what a request asks for: two requests with one key must hash alike. */
export function requestHash(request: TransferRequest): string {
  const canonical = {
    kind: request.kind,
    legs: request.legs
      .map((l) => [accountKey(l.account, l.unit), l.amount.toString()])
      .sort((a, b) => a[0].localeCompare(b[0])),
    reference: Object.entries(request.reference ?? {})
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => a.localeCompare(b)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * The legs of a grant: each unit with a positive amount moves from a company expense shard to the
 * user's wallet (or from an incident budget, when the grant is paid from one).
 */
export function grantLegs(grant: {
  platformUserId: string;
  memberDays: bigint;
  qCoins: bigint;
  shardKey: string;
  budgetIncidentId?: string;
  /** With a budget: the units it pays (default: all); the others come from the expense shard. */
  budgetUnits?: readonly Unit[];
  /** A fixed expense shard instead of the key's (bulk lanes keep to their own shard). */
  expenseShard?: number;
}): Leg[] {
  const expense: AccountRef = {
    kind: 'expense',
    shard: grant.expenseShard ?? expenseShard(grant.shardKey),
  };
  const wallet: AccountRef = { kind: 'wallet', platformUserId: grant.platformUserId };
  const legs: Leg[] = [];
  for (const [unit, amount] of [
    ['member_days', grant.memberDays],
    ['q_coins', grant.qCoins],
  ] as const) {
    if (amount <= 0n) continue;
    const fromBudget =
      grant.budgetIncidentId !== undefined && (grant.budgetUnits?.includes(unit) ?? true);
    const source: AccountRef = fromBudget
      ? { kind: 'budget', incidentId: grant.budgetIncidentId! }
      : expense;
    legs.push({ account: wallet, unit, amount }, { account: source, unit, amount: -amount });
  }
  return legs;
}

export interface AccountState {
  balance: bigint;
  version: bigint;
  allowNegative: boolean;
}

export interface PlannedEntry {
  accountKey: string;
  unit: Unit;
  amount: bigint;
  balanceAfter: bigint;
  version: bigint;
}

/**
 * Applies a transfer to account states in memory, or reports which account it would overdraw.
 * On success the states are updated and the entries (with balance after and account version) are
 * returned; on failure nothing changes.
 */
export function applyLegs(
  legs: readonly Leg[],
  accounts: Map<string, AccountState>,
): { entries: PlannedEntry[] } | { overdrawn: string } {
  const next = new Map<string, AccountState>();
  const entries: PlannedEntry[] = [];
  for (const leg of legs) {
    const key = accountKey(leg.account, leg.unit);
    const current = next.get(key) ?? accounts.get(key);
    if (!current) throw new Error(`account ${key} was not loaded`);
    const balance = current.balance + leg.amount;
    if (balance < 0n && !current.allowNegative) return { overdrawn: key };
    const state = { ...current, balance, version: current.version + 1n };
    next.set(key, state);
    entries.push({
      accountKey: key,
      unit: leg.unit,
      amount: leg.amount,
      balanceAfter: balance,
      version: state.version,
    });
  }
  for (const [key, state] of next) accounts.set(key, state);
  return { entries };
}

/** The legs that undo a transfer: every entry negated. */
export function reversalLegs(legs: readonly Leg[]): Leg[] {
  return legs.map((l) => ({ ...l, amount: -l.amount }));
}

/** `yyyymm` of an instant (UTC): the accounting period it falls into. */
export function periodOf(at: Date): string {
  return `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The account and unit an account key names (the inverse of accountKey). */
export function parseAccountKey(key: string): { account: AccountRef; unit: Unit } {
  const [kind, id, unit] = key.split(':');
  if (!UNITS.includes(unit as Unit)) throw new Error(`not an account key: ${key}`);
  const account: AccountRef =
    kind === 'wallet'
      ? { kind: 'wallet', platformUserId: id }
      : kind === 'expense'
        ? { kind: 'expense', shard: Number(id) }
        : { kind: 'budget', incidentId: id };
  return { account, unit: unit as Unit };
}
