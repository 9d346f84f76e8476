import { PublicStatement } from './ticket-port.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
} from 'class-validator';
import type { ValidatorConstraintInterface } from 'class-validator';
import {
  CATEGORIES,
  type Category,
  CONTROL_CHARACTERS,
  EMAIL,
  LOCALES,
  type Locale,
  MAINLAND_MOBILE,
  PLATFORM_USER_ID,
  type PublicStatus,
} from './complaint.constants.js';

const NO_CONTROLS = new RegExp(`^(?:(?!${CONTROL_CHARACTERS.source}).)*$`, 's');
const SOMETHING = /\S/;
/**
 * At most `n` characters as PostgreSQL's varchar(n) counts them (code points). class-validator's
 * MaxLength does not count U+FE0E/U+FE0F, so 200 of "a\uFE0F" would pass it and fail the insert.
 */
const atMostCodePoints = (n: number) => new RegExp(`^[\\s\\S]{0,${n}}$`, 'u');

@ValidatorConstraint({ name: 'contact' })
class ContactRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      typeof value === 'string' &&
      value.length <= 254 &&
      !CONTROL_CHARACTERS.test(value) &&
      (EMAIL.test(value) || MAINLAND_MOBILE.test(value))
    );
  }
  defaultMessage(): string {
    return 'contact must be an e-mail address or a mainland mobile number';
  }
}

export class SubmitComplaintDto {
  @ApiProperty({
    example: '10086123',
    description: 'The user id on the platform: 5–12 digits, no leading zero',
  })
  @IsString()
  @Matches(PLATFORM_USER_ID, {
    message: 'platformUserId must be 5–12 digits without a leading zero',
  })
  platformUserId!: string;

  @ApiProperty({
    example: 'li.wei@example.cn',
    description: 'E-mail or mainland mobile number (13812345678)',
  })
  @Validate(ContactRule)
  contact!: string;

  @ApiProperty({
    example: '昨晚开始消息延迟十几分钟才收到，重启也没用',
    minLength: 1,
    maxLength: 5000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(SOMETHING, { message: 'description must not be blank' })
  @Matches(NO_CONTROLS, { message: 'description must not contain control characters' })
  description!: string;

  @ApiPropertyOptional({ example: '消息延迟', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Matches(atMostCodePoints(200), { message: 'title must be at most 200 characters long' })
  @Matches(NO_CONTROLS, { message: 'title must not contain control characters' })
  title?: string;

  @ApiPropertyOptional({
    enum: CATEGORIES,
    description: 'What the user thinks it is about; triage decides',
  })
  @IsOptional()
  @IsIn(CATEGORIES)
  category?: Category;

  @ApiPropertyOptional({ enum: LOCALES, example: 'zh' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({ example: '2026-11-23T21:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;

  @ApiPropertyOptional({
    description: 'Leave empty. A honeypot for bots: when filled, nothing is kept.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  website?: string;
}

export class SubmitComplaintResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'K7Q4M9XW2R' }) trackingCode!: string;
  @ApiPropertyOptional({
    example: '3f0c8a6f2d1e4b7a9c5d0e1f2a3b4c5d',
    description:
      'Shown once: proves ownership on the tracking page. Absent on a replay once the first answer expired.',
  })
  trackingToken?: string;
  @ApiProperty({ example: 'received' }) status!: string;
}

export class UserReplyDto {
  @ApiProperty({ example: '重启后还是一样，附上截图时间 21:05', minLength: 1, maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  @Matches(SOMETHING, { message: 'body must not be blank' })
  @Matches(NO_CONTROLS, { message: 'body must not contain control characters' })
  body!: string;
}

export class SatisfactionDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiPropertyOptional({ maxLength: 1000, example: 'Fixed quickly, thanks' })
  @IsOptional()
  @IsString()
  @Matches(atMostCodePoints(1000), { message: 'comment must be at most 1000 characters long' })
  @Matches(NO_CONTROLS, { message: 'comment must not contain control characters' })
  comment?: string;
}

export class PublicReply {
  @ApiProperty({ enum: ['agent', 'user'] }) from!: 'agent' | 'user';
  @ApiProperty() body!: string;
  @ApiProperty() at!: string;
}

export class PublicCompensation {
  @ApiProperty() memberDays!: number;
  @ApiProperty() qCoins!: number;
  @ApiProperty() status!: string;
}

export class PublicIncidentNote {
  @ApiProperty() title!: string;
  @ApiProperty({ type: [PublicStatement] }) statements!: PublicStatement[];
}

export class TrackingView {
  @ApiProperty({ example: 'K7Q4M9XW2R' }) trackingCode!: string;
  @ApiProperty({ enum: ['received', 'in_progress', 'awaiting_user', 'resolved', 'closed'] })
  status!: PublicStatus;
  @ApiProperty({ nullable: true, enum: CATEGORIES }) category!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [PublicReply] }) replies!: PublicReply[];
  @ApiProperty({ type: [PublicCompensation] }) compensations!: PublicCompensation[];
  @ApiPropertyOptional({ type: PublicIncidentNote }) incident?: PublicIncidentNote;
}
