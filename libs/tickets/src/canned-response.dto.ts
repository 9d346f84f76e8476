import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_MESSAGE_LENGTH, QUEUE_KEY } from './tickets.constants.js';

export class CreateCannedResponseDto {
  @ApiProperty({ example: 'apology_delay', description: 'Shared by the zh and en versions' })
  @Matches(QUEUE_KEY, { message: 'key must be 1-50 of a-z, 0-9, _ or -' })
  key!: string;

  @ApiProperty({ enum: ['zh', 'en'] })
  @IsIn(['zh', 'en'])
  locale!: 'zh' | 'en';

  @ApiProperty({ example: 'Apology for a delay' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({
    example: 'Sorry for the wait on {{trackingCode}}; we expect to fix it within {{hours}} hours.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_MESSAGE_LENGTH)
  @Matches(/\S/, { message: 'body must not be blank' })
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
