import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';

export const REPORT_GROUPS = ['queue', 'category', 'priority'] as const;

export class SlaReportQuery {
  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description: 'Tickets opened from (default: 30 days ago)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'Tickets opened before (default: now)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: REPORT_GROUPS, default: 'queue' })
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  groupBy?: (typeof REPORT_GROUPS)[number];
}

export class SlaReportRow {
  @ApiProperty({ example: 'general' }) key!: string;
  @ApiProperty({ description: 'Tickets opened in the period' }) volume!: number;
  @ApiProperty({ nullable: true, description: 'Seconds to first public reply, median' })
  firstResponseMedianSeconds!: number | null;
  @ApiProperty({ nullable: true }) firstResponseP90Seconds!: number | null;
  @ApiProperty({ nullable: true, description: 'Seconds from opening to resolution, median' })
  resolutionMedianSeconds!: number | null;
  @ApiProperty({ nullable: true }) resolutionP90Seconds!: number | null;
  @ApiProperty({ example: 0.05, description: 'Share of tickets that breached an SLA' })
  breachRate!: number;
  @ApiProperty({ nullable: true, example: 4.2, description: 'Mean satisfaction rating (1-5)' })
  csatAverage!: number | null;
  @ApiProperty() csatResponses!: number;
}

export class SlaReport {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ enum: REPORT_GROUPS }) groupBy!: string;
  @ApiProperty({ type: [SlaReportRow] }) rows!: SlaReportRow[];
  @ApiProperty({ type: SlaReportRow }) total!: SlaReportRow;
}
