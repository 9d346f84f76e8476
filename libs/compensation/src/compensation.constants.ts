export const COMPENSATION_STATUSES = [
  'pending',
  'approved',
  'posted',
  'fulfilled',
  'rejected',
  'expired',
  'failed',
] as const;
export type CompensationStatus = (typeof COMPENSATION_STATUSES)[number];

export type CompensationSource = 'manual' | 'rule' | 'incident';

/** Largest amount of one unit in one proposal. */
export const MAX_UNITS = 1_000_000;

export enum CompensationErrorCode {
  CompensationNotFound = 'COMPENSATION_NOT_FOUND',
  NotPending = 'COMPENSATION_NOT_PENDING',
  Expired = 'COMPENSATION_EXPIRED',
  SelfApproval = 'SELF_APPROVAL_FORBIDDEN',
  AlreadyApproved = 'ALREADY_APPROVED',
  NotAnApprover = 'NOT_AN_APPROVER',
  ApprovalRoleNotNeeded = 'APPROVAL_ROLE_NOT_NEEDED',
  NothingToGrant = 'NOTHING_TO_GRANT',
  RuleNotFound = 'COMPENSATION_RULE_NOT_FOUND',
  CapExceeded = 'COMPENSATION_CAP_EXCEEDED',
  NotFailed = 'COMPENSATION_NOT_FAILED',
  ComplaintNotFound = 'COMPLAINT_NOT_FOUND',
  InvalidPolicy = 'INVALID_APPROVAL_POLICY',
}
