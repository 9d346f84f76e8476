import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { PRIORITIES, type Priority } from './sla.policy.js';

/** Up to 90 days; down to one second, so tests and drills can watch a breach happen. */
const MAX_SECONDS = 90 * 24 * 3600;

export class SlaPolicyDto {
  @ApiProperty({ enum: PRIORITIES, example: 'P1' })
  @IsIn(PRIORITIES)
  priority!: Priority;

  @ApiProperty({ example: 900, minimum: 1, maximum: MAX_SECONDS })
  @IsInt()
  @Min(1)
  @Max(MAX_SECONDS)
  firstResponseSeconds!: number;

  @ApiProperty({ example: 14400, minimum: 1, maximum: MAX_SECONDS })
  @IsInt()
  @Min(1)
  @Max(MAX_SECONDS)
  resolutionSeconds!: number;
}

export class SlaPolicyView {
  @ApiProperty({ enum: PRIORITIES }) priority!: Priority;
  @ApiProperty({ example: 900 }) firstResponseSeconds!: number;
  @ApiProperty({ example: 14400 }) resolutionSeconds!: number;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty() updatedAt!: string;
}
