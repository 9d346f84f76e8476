import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, PRIORITIES } from '@desk/complaints';
import { PageQuery, IsText } from '@desk/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  COMPENSATION_STATUSES,
  type CompensationStatus,
  MAX_UNITS,
} from './compensation.constants.js';

export class ProposeCompensationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'complaintId must be a complaint id (UUID)' })
  complaintId!: string;

  @ApiProperty({ example: 7, minimum: 0, maximum: MAX_UNITS })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  memberDays!: number;

  @ApiProperty({ example: 100, minimum: 0, maximum: MAX_UNITS })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  qCoins!: number;

  @ApiProperty({ example: 'Messages were delayed for six hours', minLength: 3, maxLength: 1000 })
  @IsText(3, 1000)
  reason!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The rule this follows (its cap then applies)',
  })
  @IsOptional()
  @IsUUID('all')
  ruleId?: string;
}

export class ListCompensationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COMPENSATION_STATUSES })
  @IsOptional()
  @IsIn(COMPENSATION_STATUSES)
  status?: CompensationStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  complaintId?: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ example: 'Checked the outage log', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class RejectDto {
  @ApiProperty({
    example: 'Already compensated in another complaint',
    minLength: 3,
    maxLength: 1000,
  })
  @IsText(3, 1000)
  reason!: string;
}

export class AmountsDto {
  @ApiProperty({ example: 3, minimum: 0, maximum: MAX_UNITS })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  memberDays!: number;

  @ApiProperty({ example: 50, minimum: 0, maximum: MAX_UNITS })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  qCoins!: number;
}

export class RuleConditionsDto {
  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CATEGORIES.length)
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories?: string[];

  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PRIORITIES.length)
  @ArrayUnique()
  @IsIn(PRIORITIES, { each: true })
  priorities?: string[];

  @ApiPropertyOptional({ description: 'Only when the ticket breached (true) or did not (false)' })
  @IsOptional()
  @IsBoolean()
  slaBreached?: boolean;

  @ApiPropertyOptional({
    description: 'Only complaints linked (true) or not linked (false) to an incident',
  })
  @IsOptional()
  @IsBoolean()
  incidentLinked?: boolean;

  @ApiPropertyOptional({
    example: 2,
    description: 'Only users with at most this many grants in the last 30 days',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  maxGrantsLast30Days?: number;
}

export class RuleDto {
  @ApiProperty({ example: 'Late messages, SLA missed' })
  @IsText(1, 100)
  name!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  active!: boolean;

  @ApiProperty({ type: RuleConditionsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RuleConditionsDto)
  conditions!: RuleConditionsDto;

  @ApiProperty({ type: AmountsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => AmountsDto)
  outcome!: AmountsDto;

  @ApiPropertyOptional({
    type: AmountsDto,
    description: 'Most this rule grants one user in any 30 days',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountsDto)
  capPerUser30Days?: AmountsDto;
}

export class RulePreviewDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'complaintId must be a complaint id (UUID)' })
  complaintId!: string;
}

export class ThresholdsDto {
  @ApiProperty({ example: 7, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  autoApproveUpTo!: number;

  @ApiProperty({ example: 30, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_UNITS)
  singleApprovalUpTo!: number;
}

export class ApprovalPolicyDto {
  @ApiProperty({ type: ThresholdsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ThresholdsDto)
  member_days!: ThresholdsDto;

  @ApiProperty({ type: ThresholdsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ThresholdsDto)
  q_coins!: ThresholdsDto;
}

export class ApprovalView {
  @ApiProperty({ format: 'uuid' }) approverId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() at!: string;
}

export class CompensationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty() platformUserId!: string;
  @ApiProperty({ nullable: true }) category!: string | null;
  @ApiProperty({ example: 7 }) memberDays!: number;
  @ApiProperty({ example: 100 }) qCoins!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: COMPENSATION_STATUSES }) status!: string;
  @ApiProperty({ enum: ['manual', 'rule', 'incident'] }) source!: string;
  @ApiProperty({ nullable: true }) ruleId!: string | null;
  @ApiProperty({ nullable: true }) ruleVersion!: number | null;
  @ApiProperty({ nullable: true }) incidentId!: string | null;
  @ApiProperty({ enum: ['auto', 'single', 'dual'] }) requiredTier!: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty({ nullable: true, format: 'uuid' }) proposedBy!: string | null;
  @ApiProperty() expiresAt!: string;
  @ApiProperty({ nullable: true }) transferId!: number | null;
  @ApiProperty({ nullable: true }) postedAt!: string | null;
  @ApiProperty({ nullable: true }) fulfilledAt!: string | null;
  @ApiProperty({ nullable: true }) rejectReason!: string | null;
  @ApiProperty() fulfilmentAttempts!: number;
  @ApiProperty({ nullable: true }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [ApprovalView] }) approvals!: ApprovalView[];
}

export class CompensationPage {
  @ApiProperty({ type: [CompensationView] }) items!: CompensationView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class RuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: RuleConditionsDto }) conditions!: RuleConditionsDto;
  @ApiProperty({ type: AmountsDto }) outcome!: AmountsDto;
  @ApiProperty({ type: AmountsDto, nullable: true }) capPerUser30Days!: AmountsDto | null;
  @ApiProperty() updatedAt!: string;
}

export class RuleList {
  @ApiProperty({ type: [RuleView] }) items!: RuleView[];
  @ApiProperty() total!: number;
}

export class RulePreviewItem {
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty() matches!: boolean;
  @ApiProperty({ type: AmountsDto, nullable: true, description: 'What it would propose, capped' })
  proposal!: AmountsDto | null;
}

export class RulePreview {
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) facts!: Record<string, unknown>;
  @ApiProperty({ type: [RulePreviewItem] }) rules!: RulePreviewItem[];
}

export class ApprovalPolicyView extends ApprovalPolicyDto {
  @ApiProperty() version!: number;
  @ApiProperty() updatedAt!: string;
}
