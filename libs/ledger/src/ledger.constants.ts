/** Compensation units (SPEC): integer days of membership and integer Q-coins. */
export const UNITS = ['member_days', 'q_coins'] as const;
export type Unit = (typeof UNITS)[number];

/** Company expense accounts per unit are split into this many shards, so no single row is hot. */
export const EXPENSE_SHARDS = 16;

/** Largest amount of one leg; keeps every sum far inside bigint and JSON-safe numbers. */
export const MAX_AMOUNT = 1_000_000_000_000n;

export const TRANSFER_KINDS = ['grant', 'reversal', 'budget_funding', 'budget_release'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export enum LedgerErrorCode {
  IdempotencyKeyReused = 'LEDGER_IDEMPOTENCY_KEY_REUSED',
  InsufficientFunds = 'LEDGER_INSUFFICIENT_FUNDS',
  Unbalanced = 'LEDGER_UNBALANCED',
  PeriodClosed = 'LEDGER_PERIOD_CLOSED',
  PeriodAlreadyClosed = 'LEDGER_PERIOD_ALREADY_CLOSED',
  PeriodInFuture = 'LEDGER_PERIOD_IN_FUTURE',
  TransferNotFound = 'LEDGER_TRANSFER_NOT_FOUND',
  AlreadyReversed = 'LEDGER_ALREADY_REVERSED',
  NotReversible = 'LEDGER_NOT_REVERSIBLE',
  InvalidTransfer = 'LEDGER_INVALID_TRANSFER',
}
