import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@desk/platform';
import { IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'staff' })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/, { message: 'entityType must be a lower-case entity name' })
  entityType?: string;

  @ApiPropertyOptional({ example: '7d0f3a0e-9a51-4a2b-9a37-5c3f9a1d2b11' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Staff id of the actor', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ example: 'staff.updated' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,100}$/, { message: 'action must be a dotted lower-case verb' })
  action?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class AuditRecordView {
  @ApiProperty({ example: 42 }) id!: number;
  @ApiProperty({ example: '2026-11-24T10:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ enum: ['staff', 'system', 'public'] }) actorKind!: string;
  @ApiProperty({ example: 'staff.created' }) action!: string;
  @ApiProperty({ example: 'staff' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) before!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true }) after!: unknown;
  @ApiProperty({ nullable: true }) requestId!: string | null;
  @ApiProperty({ description: 'SHA-256 over every column and the previous hash' }) hash!: string;
}

export class AuditPage {
  @ApiProperty({ type: [AuditRecordView] }) items!: AuditRecordView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class AuditVerifyView {
  @ApiProperty({ example: true }) ok!: boolean;
  @ApiProperty({ example: 1200 }) checked!: number;
  @ApiPropertyOptional({ description: 'Id of the first record that no longer matches' })
  brokenAt?: number;
  @ApiPropertyOptional({ example: 'record content does not match its hash' }) reason?: string;
}
