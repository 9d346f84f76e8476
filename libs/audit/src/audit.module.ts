import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditLog } from './audit-log.service.js';
import { AuditVerifyProcessor } from './audit-verify.processor.js';

@Module({ controllers: [AuditController], providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}

/** The worker's part of auditing: the scheduled chain check. */
@Module({ imports: [AuditModule], providers: [AuditVerifyProcessor] })
export class AuditWorkerModule {}
