import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, IsText } from '@desk/platform';
import { TicketView } from '@desk/complaints';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { PRIORITIES, type Priority } from './sla.policy.js';
import {
  MAX_MESSAGE_LENGTH,
  QUEUE_KEY,
  TICKET_STATUSES,
  type TicketStatus,
} from './tickets.constants.js';
import { TemplateVariables } from './template-variables.validator.js';

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'general', description: 'Queue key' })
  @IsOptional()
  @Matches(QUEUE_KEY, { message: 'queue must be a queue key' })
  queue?: string;

  @ApiPropertyOptional({ enum: TICKET_STATUSES })
  @IsOptional()
  @IsIn(TICKET_STATUSES)
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: ['me'], description: '`me`: tickets assigned to the caller' })
  @IsOptional()
  @IsIn(['me'], { message: 'assignee must be "me"' })
  assignee?: 'me';

  @ApiPropertyOptional({ enum: PRIORITIES })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'breached must be true or false' })
  breached?: boolean;
}

export class TicketPage {
  @ApiProperty({ type: [TicketView] }) items!: TicketView[];
  @ApiProperty({ description: 'Exact up to 10,000; beyond, an estimate (see totalIsEstimate)' })
  total!: number;
  @ApiPropertyOptional({ description: 'true when total is an estimate' })
  totalIsEstimate?: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class AssignTicketDto {
  @ApiProperty({ format: 'uuid', description: 'Staff id of the agent who gets the ticket' })
  @IsUUID('all', { message: 'agentId must be a staff id (UUID)' })
  agentId!: string;
}

export class TransitionTicketDto {
  @ApiProperty({ enum: TICKET_STATUSES, example: 'in_progress' })
  @IsIn(TICKET_STATUSES)
  status!: TicketStatus;
}

export class PostMessageDto {
  @ApiPropertyOptional({ example: '您好，我们已经在处理您的问题。', maxLength: MAX_MESSAGE_LENGTH })
  @IsOptional()
  @IsText(1, MAX_MESSAGE_LENGTH)
  body?: string;

  @ApiPropertyOptional({ example: 'apology_general', description: 'Key of a canned response' })
  @IsOptional()
  @Matches(QUEUE_KEY, { message: 'cannedKey must be a canned response key' })
  cannedKey?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { hours: '2' },
    description: 'Values for the template; trackingCode and category are filled in by the desk',
  })
  @IsOptional()
  @IsObject()
  @TemplateVariables()
  variables?: Record<string, string>;

  @ApiPropertyOptional({
    enum: ['zh', 'en'],
    description: "Language of the canned response; default: the complaint's",
  })
  @IsOptional()
  @IsIn(['zh', 'en'])
  locale?: 'zh' | 'en';

  @ApiProperty({ enum: ['public', 'internal'], example: 'public' })
  @IsIn(['public', 'internal'])
  visibility!: 'public' | 'internal';
}

export class TicketMessageView {
  @ApiProperty() id!: number;
  @ApiProperty({ format: 'uuid' }) ticketId!: string;
  @ApiProperty({ enum: ['public', 'internal'] }) visibility!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() createdAt!: string;
}
