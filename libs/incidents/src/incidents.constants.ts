export const INCIDENT_STATUSES = [
  'detected',
  'confirmed',
  'mitigating',
  'resolved',
  'reviewed',
  'dismissed',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** An incident in one of these is open: it takes new matching complaints. */
export const OPEN_INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'detected',
  'confirmed',
  'mitigating',
];

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATEMENT_KINDS = ['public_apology', 'status_update', 'internal_notice'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];
export const PUBLIC_STATEMENT_KINDS: readonly StatementKind[] = ['public_apology', 'status_update'];

export const PLAN_STATUSES = ['proposed', 'running', 'completed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Resolved incidents stay on the status page this long. */
export const STATUS_PAGE_DAYS = 7;

export enum IncidentErrorCode {
  IncidentNotFound = 'INCIDENT_NOT_FOUND',
  TransitionNotAllowed = 'INCIDENT_TRANSITION_NOT_ALLOWED',
  AlreadyOpen = 'INCIDENT_ALREADY_OPEN',
  Closed = 'INCIDENT_CLOSED',
  ReviewRequired = 'INCIDENT_REVIEW_REQUIRED',
  ReviewExists = 'INCIDENT_REVIEW_EXISTS',
  NotResolved = 'INCIDENT_NOT_RESOLVED',
  MergeNotAllowed = 'INCIDENT_MERGE_NOT_ALLOWED',
  TemplateNotFound = 'STATEMENT_TEMPLATE_NOT_FOUND',
  TemplateVariablesMissing = 'TEMPLATE_VARIABLES_MISSING',
  PlanExists = 'COMPENSATION_PLAN_EXISTS',
  PlanNotFound = 'COMPENSATION_PLAN_NOT_FOUND',
  PlanNotProposed = 'COMPENSATION_PLAN_NOT_PROPOSED',
  SelfApproval = 'SELF_APPROVAL_FORBIDDEN',
  NothingToGrant = 'NOTHING_TO_GRANT',
  ComplaintNotFound = 'COMPLAINT_NOT_FOUND',
}
