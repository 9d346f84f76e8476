import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, IsText } from '@desk/platform';
import {
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { CATEGORIES, type Category, PRIORITIES, type Priority } from './complaint.constants.js';
import type { ComplaintStatus } from './complaint.entity.js';
import { ComplaintCompensation, TicketView } from './ticket-port.js';

const STATUSES: ComplaintStatus[] = ['received', 'triaged', 'needs_review', 'duplicate'];

export class ListComplaintsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ description: 'Key of the queue holding the ticket', example: 'general' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,49}$/, { message: 'queue must be a queue key' })
  queue?: string;

  @ApiPropertyOptional({
    description: 'Words to find in title and description (Chinese or English)',
    example: '闪退',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class CorrectTriageDto {
  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiProperty({
    example: 'User describes a stolen account, not a login bug',
    minLength: 3,
    maxLength: 500,
  })
  @IsText(3, 500)
  reason!: string;
}

export class TriageView {
  @ApiProperty({ enum: CATEGORIES }) category!: string;
  @ApiProperty({ enum: PRIORITIES }) priority!: string;
  @ApiProperty({ enum: ['zh', 'en', 'mixed'] }) language!: string;
  @ApiProperty({ example: 0.87 }) confidence!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Rules and terms that decided it',
  })
  explanation!: unknown;
  @ApiProperty() needsReview!: boolean;
}

export class ComplaintMessageView {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['user', 'agent', 'system'] }) authorKind!: string;
  @ApiProperty({ nullable: true }) authorId!: string | null;
  @ApiProperty({ enum: ['public', 'internal'] }) visibility!: string;
  @ApiProperty() body!: string;
  @ApiProperty() createdAt!: string;
}

export class ComplaintSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ nullable: true, enum: CATEGORIES }) category!: string | null;
  @ApiProperty({ nullable: true, enum: PRIORITIES }) priority!: string | null;
  @ApiProperty() platformUserId!: string;
  @ApiProperty({ nullable: true }) title!: string | null;
  @ApiProperty({ description: 'The first 200 characters' }) excerpt!: string;
  @ApiProperty({ nullable: true }) needsReview!: boolean | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) duplicateOfId!: string | null;
  @ApiProperty() createdAt!: string;
}

export class ComplaintPage {
  @ApiProperty({ type: [ComplaintSummary] }) items!: ComplaintSummary[];
  @ApiProperty({ description: 'Exact up to 10,000; beyond, an estimate (see totalIsEstimate)' })
  total!: number;
  @ApiPropertyOptional({ description: 'true when total is an estimate' })
  totalIsEstimate?: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class ComplaintDetail {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() trackingCode!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ nullable: true, enum: CATEGORIES }) category!: string | null;
  @ApiProperty({ nullable: true, enum: PRIORITIES }) priority!: string | null;
  @ApiProperty() platformUserId!: string;
  @ApiProperty() contact!: string;
  @ApiProperty({ nullable: true }) title!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true }) locale!: string | null;
  @ApiProperty({ nullable: true }) userCategory!: string | null;
  @ApiProperty({ nullable: true }) occurredAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: TriageView, nullable: true }) triage!: TriageView | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) duplicateOfId!: string | null;
  @ApiProperty({
    type: TicketView,
    nullable: true,
    description: 'The ticket working this complaint',
  })
  ticket!: TicketView | null;
  @ApiProperty({ type: [ComplaintMessageView] }) messages!: ComplaintMessageView[];
  @ApiProperty({ type: [ComplaintCompensation] }) compensations!: ComplaintCompensation[];
}
