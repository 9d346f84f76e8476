import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsText } from '@desk/platform';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MAX_MESSAGE_LENGTH, QUEUE_KEY } from './tickets.constants.js';

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'apology_delay', description: 'Shared by the zh and en versions' })
  @Matches(QUEUE_KEY, { message: 'key must be 1-50 of a-z, 0-9, _ or -' })
  key!: string;

  @ApiProperty({ enum: ['zh', 'en'] })
  @IsIn(['zh', 'en'])
  locale!: 'zh' | 'en';

  @ApiProperty({ example: 'Apology for a delay' })
  @IsText(1, 200)
  title!: string;

  @ApiProperty({
    example: 'Sorry for the wait on {{trackingCode}}; we expect to fix it within {{hours}} hours.',
  })
  @IsText(1, MAX_MESSAGE_LENGTH)
  body!: string;
}

export class ListCannedResponsesQuery {
  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  locale?: 'zh' | 'en';
}

export class CannedResponseView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['zh', 'en'] }) locale!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String], description: 'Variables the body uses' }) variables!: string[];
  @ApiProperty() createdAt!: string;
}

export class CannedResponseList {
  @ApiProperty({ type: [CannedResponseView] }) items!: CannedResponseView[];
  @ApiProperty() total!: number;
}
