import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, PublicStatement } from '@desk/complaints';
import { PageQuery, IsText } from '@desk/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  INCIDENT_STATUSES,
  type IncidentStatus,
  SEVERITIES,
  type Severity,
  STATEMENT_KINDS,
  type StatementKind,
} from './incidents.constants.js';
import { TemplateVariables } from '@desk/tickets';

const MAX_UNITS = 1_000_000;
const MAX_BUDGET = 1_000_000_000_000;

export class ListIncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;
}

export class CreateIncidentDto {
  @ApiProperty({ example: '消息延迟 / Messages delayed' })
  @IsText(1, 200)
  title!: string;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: string;

  @ApiPropertyOptional({ enum: SEVERITIES, default: 'SEV3' })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional({
    type: [String],
    description: 'Complaints to link at once (at most 1,000)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  complaintIds?: string[];
}

export class UpdateIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @IsOptional()
  @IsIn(INCIDENT_STATUSES)
  status?: IncidentStatus;

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: Severity;

  @ApiPropertyOptional()
  @IsOptional()
  @IsText(1, 200)
  title?: string;
}

export class LinkComplaintsDto {
  @ApiProperty({ type: [String], description: '1 to 1,000 complaint ids' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each complaint id must be a UUID' })
  complaintIds!: string[];
}

export class MergeIncidentDto {
  @ApiProperty({ format: 'uuid', description: 'The incident that absorbs this one' })
  @IsUUID('all', { message: 'intoId must be an incident id (UUID)' })
  intoId!: string;
}

export class StatementDto {
  @ApiProperty({ enum: STATEMENT_KINDS })
  @IsIn(STATEMENT_KINDS)
  kind!: StatementKind;

  @ApiProperty({ enum: ['zh', 'en'] })
  @IsIn(['zh', 'en'])
  locale!: 'zh' | 'en';

  @ApiPropertyOptional({ example: '关于消息延迟的致歉' })
  @IsOptional()
  @IsText(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: '我们注意到部分用户消息延迟……' })
  @IsOptional()
  @IsText(1, 5000)
  body?: string;

  @ApiPropertyOptional({
    example: 'apology',
    description: 'Built-in template (apology, status_update, internal_notice)',
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,50}$/, { message: 'templateKey must be a template key' })
  templateKey?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { cause: '一台消息服务器故障' },
    description: 'title, affected and compensation are filled in by the desk',
  })
  @IsOptional()
  @IsObject()
  @TemplateVariables()
  variables?: Record<string, string>;
}

export class PlanDto {
  @ApiProperty({
    example: 7,
    minimum: 0,
    maximum: MAX_UNITS,
    description: 'Per user; 0: not granted',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  memberDays!: number;

  @ApiProperty({ example: 100, minimum: 0, maximum: MAX_UNITS })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  qCoins!: number;

  @ApiPropertyOptional({ example: 70000, description: 'Cap on member days granted in all' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BUDGET)
  budgetMemberDays?: number;

  @ApiPropertyOptional({ example: 1000000, description: 'Cap on Q-coins granted in all' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BUDGET)
  budgetQCoins?: number;
}

export class ReviewDto {
  @ApiProperty({ example: 'A message broker ran out of disk' })
  @IsText(3, 10000)
  cause!: string;

  @ApiProperty({ example: 'Disk alerts at 70%; broker failover drill monthly' })
  @IsText(3, 10000)
  actions!: string;

  @ApiProperty({ example: 'Complaints saw it 20 minutes before monitoring did' })
  @IsText(3, 10000)
  lessons!: string;
}

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES }) status!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty({ enum: ['detector', 'manual'] }) source!: string;
  @ApiProperty({ type: [String] }) terms!: string[];
  @ApiProperty() complaintCount!: number;
  @ApiProperty() affectedUsers!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) mergedIntoId!: string | null;
}

export class IncidentPage {
  @ApiProperty({ type: [IncidentView] }) items!: IncidentView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class StatementView extends PublicStatement {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true }) templateKey!: string | null;
}

export class PlanView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['proposed', 'running', 'completed'] }) status!: string;
  @ApiProperty() memberDays!: number;
  @ApiProperty() qCoins!: number;
  @ApiProperty({ nullable: true }) budgetMemberDays!: number | null;
  @ApiProperty({ nullable: true }) budgetQCoins!: number | null;
  @ApiProperty({ description: 'Distinct affected users' }) total!: number;
  @ApiProperty({ description: 'Users granted; equals total when complete' }) done!: number;
  @ApiProperty({ description: 'Users not granted (budget exhausted)' }) failed!: number;
  @ApiProperty({ format: 'uuid' }) proposedBy!: string;
  @ApiProperty({ nullable: true, format: 'uuid' }) approvedBy!: string | null;
  @ApiProperty({ nullable: true }) approvedAt!: string | null;
  @ApiProperty({ nullable: true }) completedAt!: string | null;
}

export class IncidentDetail extends IncidentView {
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) detection!: Record<
    string,
    unknown
  > | null;
  @ApiProperty({ type: [StatementView] }) statements!: StatementView[];
  @ApiProperty({ type: PlanView, nullable: true }) plan!: PlanView | null;
  @ApiProperty() hasReview!: boolean;
}

export class PublicIncidentList {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) items!: unknown[];
}
