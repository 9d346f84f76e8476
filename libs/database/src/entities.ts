import { AuditRecordEntity } from '@desk/audit';
import {
  ApprovalPolicyEntity,
  CompensationApprovalEntity,
  CompensationEntity,
  CompensationRuleEntity,
  FulfilmentDeadLetterEntity,
} from '@desk/compensation';
import {
  IncidentEntity,
  IncidentPlanEntity,
  IncidentPlanGrantEntity,
  IncidentReviewEntity,
  IncidentStatementEntity,
} from '@desk/incidents';
import {
  LedgerAccountEntity,
  LedgerEntryEntity,
  LedgerPeriodEntity,
  LedgerTransferEntity,
} from '@desk/ledger';
import { StaffEntity } from '@desk/auth';
import {
  ComplaintEntity,
  ComplaintMessageEntity,
  IntakeKeyEntity,
  TriageExampleEntity,
  TriageRuleEntity,
} from '@desk/complaints';
import { OutboxMessageEntity } from '@desk/platform';
import {
  CannedResponseEntity,
  NotificationEntity,
  QueueEntity,
  RosterEntity,
  ShiftEntity,
  SlaPolicyEntity,
  TicketEntity,
} from '@desk/tickets';

/** Every entity of every domain: the one list the apps and the migration CLI share. */
export const ENTITIES = [
  ApprovalPolicyEntity,
  AuditRecordEntity,
  CompensationApprovalEntity,
  CompensationEntity,
  CompensationRuleEntity,
  FulfilmentDeadLetterEntity,
  IncidentEntity,
  IncidentPlanEntity,
  IncidentPlanGrantEntity,
  IncidentReviewEntity,
  IncidentStatementEntity,
  LedgerAccountEntity,
  LedgerEntryEntity,
  LedgerPeriodEntity,
  LedgerTransferEntity,
  CannedResponseEntity,
  ComplaintEntity,
  ComplaintMessageEntity,
  IntakeKeyEntity,
  NotificationEntity,
  OutboxMessageEntity,
  QueueEntity,
  RosterEntity,
  ShiftEntity,
  SlaPolicyEntity,
  StaffEntity,
  TicketEntity,
  TriageExampleEntity,
  TriageRuleEntity,
];
