import { AuditRecordEntity } from '@desk/audit';
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
  AuditRecordEntity,
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
