import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES } from '@desk/complaints';
import { IsText } from '@desk/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { PRIORITIES } from './sla.policy.js';
import { QUEUE_KEY } from './tickets.constants.js';

export class CreateQueueDto {
  @ApiProperty({ example: 'billing', description: 'Stable key: a-z, 0-9, _ or -' })
  @Matches(QUEUE_KEY, {
    message: 'key must be 1-50 of a-z, 0-9, _ or - (starting with a letter or digit)',
  })
  key!: string;

  @ApiProperty({ example: 'Billing and refunds' })
  @IsText(1, 100)
  name!: string;

  @ApiProperty({ enum: CATEGORIES, isArray: true, example: ['billing'] })
  @IsArray()
  @ArrayMaxSize(CATEGORIES.length)
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories!: string[];

  @ApiPropertyOptional({
    enum: PRIORITIES,
    isArray: true,
    description: 'Only these priorities of the categories (default: all)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PRIORITIES.length)
  @ArrayUnique()
  @IsIn(PRIORITIES, { each: true })
  priorities?: string[];
}

export class QueueView {
  @ApiProperty({ example: 'billing' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: [String] }) priorities!: string[];
  @ApiProperty({ description: 'Takes whatever no other queue claims' }) isDefault!: boolean;
  @ApiProperty() createdAt!: string;
}

export class QueueList {
  @ApiProperty({ type: [QueueView] }) items!: QueueView[];
  @ApiProperty() total!: number;
}
