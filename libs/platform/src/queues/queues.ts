import type { JobOptions } from 'bull';

/** Every bull queue the desk uses. A queue listed here must have a handler for each of its jobs. */
export enum QueueName {
  Maintenance = 'maintenance',
  Triage = 'triage',
  Tickets = 'tickets',
  Compensation = 'compensation',
  Incidents = 'incidents',
}

/** Every job name, grouped by the queue that carries it. */
export const JobName = {
  AuditVerify: 'audit.verify',
  TriageComplaint: 'complaint.triage',
  SlaCheck: 'ticket.sla-check',
  ShiftBoundary: 'shift.boundary',
  EvaluateCompensationRules: 'compensation.evaluate-rules',
  FulfilCompensation: 'compensation.fulfil',
  RunIncidentPlan: 'incident.plan-chunk',
  PostStatementReplies: 'incident.statement-replies',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** Which jobs travel on which queue; the worker refuses to boot unless each has exactly one handler. */
export const JOB_REGISTRY: Readonly<Record<QueueName, readonly JobName[]>> = {
  [QueueName.Maintenance]: [JobName.AuditVerify],
  [QueueName.Triage]: [JobName.TriageComplaint],
  [QueueName.Tickets]: [JobName.SlaCheck, JobName.ShiftBoundary],
  [QueueName.Compensation]: [JobName.EvaluateCompensationRules, JobName.FulfilCompensation],
  [QueueName.Incidents]: [JobName.RunIncidentPlan, JobName.PostStatementReplies],
};

/** Retries with exponential backoff; finished jobs are trimmed so Redis does not grow without bound. */
export const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Hourly re-check of the audit hash chain, so tampering is noticed without anyone asking. */
export const AUDIT_VERIFY_CRON = '17 * * * *';
