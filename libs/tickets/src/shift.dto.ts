import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { QUEUE_KEY } from './tickets.constants.js';

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const HHMM_END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class WeeklySlotDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 1, description: 'ISO weekday, 1 = Monday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '09:00' })
  @Matches(HHMM, { message: 'start must be HH:mm' })
  start!: string;

  @ApiProperty({
    example: '17:00',
    description: 'At or before start: the shift runs past midnight',
  })
  @Matches(HHMM_END, { message: 'end must be HH:mm (or 24:00)' })
  end!: string;
}

/**
 * One body for both kinds (SPEC): a one-off shift `{staffId, queueKeys, startsAt, endsAt}` or a
 * weekly roster `{staffId, queueKeys, timeZone, weekly, from?, until?}`.
 */
export class CreateShiftDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'staffId must be a staff id (UUID)' })
  staffId!: string;

  @ApiProperty({ type: [String], example: ['general'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(QUEUE_KEY, { each: true, message: 'each queue key must be a-z, 0-9, _ or -' })
  queueKeys!: string[];

  @ApiPropertyOptional({
    example: '2026-11-25T01:00:00Z',
    description: 'One-off: start (may be past)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2026-11-25T09:00:00Z', description: 'One-off: end (future)' })
  @IsOptional()
  @IsDateString({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'Weekly: IANA time zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ type: [WeeklySlotDto], description: 'Weekly: slots in local time' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(21)
  @ValidateNested({ each: true })
  @Type(() => WeeklySlotDto)
  weekly?: WeeklySlotDto[];

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Weekly: first local date' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2027-03-31', description: 'Weekly: last local date' })
  @IsOptional()
  @Matches(DATE, { message: 'until must be a date YYYY-MM-DD' })
  until?: string;
}

export class WindowQuery {
  @ApiPropertyOptional({ example: '2026-11-25T00:00:00Z', description: 'Default: now' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-02T00:00:00Z',
    description: 'Default: 7 days after from; at most 31 days',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'Also show times in this zone' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tz?: string;
}

export class ListShiftsQuery extends WindowQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'staffId must be a staff id (UUID)' })
  staffId?: string;

  @ApiPropertyOptional({ example: 'general' })
  @IsOptional()
  @Matches(QUEUE_KEY, { message: 'queue must be a queue key' })
  queue?: string;
}

export class LocalTimes {
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ example: '2026-11-25T09:00:00+08:00' }) startsAt!: string;
  @ApiProperty({ example: '2026-11-25T17:00:00+08:00' }) endsAt!: string;
}

export class ShiftView {
  @ApiProperty({ format: 'uuid', description: 'Shift id (one-off) or roster id (weekly)' })
  id!: string;
  @ApiProperty({ enum: ['one_off', 'weekly'] }) kind!: 'one_off' | 'weekly';
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: [String] }) queueKeys!: string[];
  @ApiProperty({ description: 'UTC' }) startsAt!: string;
  @ApiProperty({ description: 'UTC' }) endsAt!: string;
  @ApiPropertyOptional({ type: LocalTimes }) local?: LocalTimes;
}

export class ShiftList {
  @ApiProperty({ type: [ShiftView] }) items!: ShiftView[];
  @ApiProperty() total!: number;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class RosterView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['weekly'] }) kind!: 'weekly';
  @ApiProperty({ format: 'uuid' }) staffId!: string;
  @ApiProperty({ type: [String] }) queueKeys!: string[];
  @ApiProperty() timeZone!: string;
  @ApiProperty({ type: [WeeklySlotDto] }) weekly!: WeeklySlotDto[];
  @ApiProperty({ nullable: true }) from!: string | null;
  @ApiProperty({ nullable: true }) until!: string | null;
  @ApiProperty({ type: [ShiftView], description: 'Occurrences in the next 7 days' })
  upcoming!: ShiftView[];
}

export class CoverageGap {
  @ApiProperty({ example: 'general' }) queueKey!: string;
  @ApiProperty({ description: 'UTC, or in tz when given' }) from!: string;
  @ApiProperty() to!: string;
}

export class CoverageView {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ example: 'UTC' }) timeZone!: string;
  @ApiProperty({ type: [CoverageGap] }) gaps!: CoverageGap[];
}
