import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_READERS, Roles } from '@desk/platform';
import { AuditPage, AuditQuery, AuditVerifyView } from './audit.dto.js';
import { AuditLog } from './audit-log.service.js';
import type { AuditRecordEntity } from './audit-record.entity.js';

function view(record: AuditRecordEntity) {
  return {
    id: Number(record.id),
    occurredAt: record.occurredAt.toISOString(),
    actorId: record.actorId,
    actorKind: record.actorKind,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before,
    after: record.after,
    requestId: record.requestId,
    hash: record.hash,
  };
}

@ApiTags('audit')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles(...AUDIT_READERS)
  @ApiOperation({ summary: 'Audit records, newest first' })
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() query: AuditQuery): Promise<AuditPage> {
    const { items, total } = await this.audit.list(query);
    return { items: items.map(view), total, page: query.page, limit: query.limit };
  }

  @Get('verify')
  @Roles(...AUDIT_READERS)
  @ApiOperation({
    summary: 'Recompute the hash chain and name the first record that no longer matches',
  })
  @ApiOkResponse({ type: AuditVerifyView })
  verify(): Promise<AuditVerifyView> {
    return this.audit.verify();
  }
}
