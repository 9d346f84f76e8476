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

/** Every entity of every domain: the one list the apps and the migration CLI share. */
export const ENTITIES = [
  AuditRecordEntity,
  ComplaintEntity,
  ComplaintMessageEntity,
  IntakeKeyEntity,
  OutboxMessageEntity,
  StaffEntity,
  TriageExampleEntity,
  TriageRuleEntity,
];
