import { AuditRecordEntity } from '@desk/audit';
import { StaffEntity } from '@desk/auth';

/** Every entity of every domain: the one list the apps and the migration CLI share. */
export const ENTITIES = [AuditRecordEntity, StaffEntity];
