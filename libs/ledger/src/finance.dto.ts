import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery, IsText } from '@desk/platform';
import { IsDateString, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { UNITS, type Unit } from './ledger.constants.js';

const ACCOUNT_KEY = /^(wallet|expense|budget):[A-Za-z0-9-]{1,64}:(member_days|q_coins)$/;

export class PeriodQuery {
  @ApiPropertyOptional({
    example: '2026-11-01T00:00:00Z',
    description: 'Effective from (inclusive)',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Effective before' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class ListEntriesQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: UNITS })
  @IsOptional()
  @IsIn(UNITS)
  unit?: Unit;

  @ApiPropertyOptional({ example: 'wallet:10086123:member_days', description: 'Account key' })
  @IsOptional()
  @Matches(ACCOUNT_KEY, { message: 'account must be an account key like wallet:<user>:<unit>' })
  account?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  incidentId?: string;

  @ApiPropertyOptional({ example: 'functional_defect' })
  @IsOptional()
  @Matches(/^[a-z_]{1,32}$/, { message: 'category must be a category key' })
  category?: string;
}

export const SUMMARY_GROUPS = ['category', 'rule', 'incident', 'day'] as const;

export class SummaryQuery extends PeriodQuery {
  @ApiProperty({ enum: SUMMARY_GROUPS })
  @IsIn(SUMMARY_GROUPS)
  groupBy!: (typeof SUMMARY_GROUPS)[number];
}

export class ReverseTransferDto {
  @ApiProperty({ example: 'Granted twice for the same complaint', minLength: 3, maxLength: 500 })
  @IsText(3, 500)
  reason!: string;
}

export class LedgerEntryView {
  @ApiProperty() id!: number;
  @ApiProperty() transferId!: number;
  @ApiProperty({ example: 'grant' }) kind!: string;
  @ApiProperty({ example: 'wallet:10086123:member_days' }) account!: string;
  @ApiProperty({ enum: UNITS }) unit!: string;
  @ApiProperty({ example: 3, description: 'Signed: credit positive, debit negative' })
  amount!: number;
  @ApiProperty({ example: 3 }) balanceAfter!: number;
  @ApiProperty({ example: 1 }) accountVersion!: number;
  @ApiProperty() effectiveAt!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true }) platformUserId!: string | null;
  @ApiProperty({ nullable: true }) category!: string | null;
  @ApiProperty({ nullable: true }) ruleId!: string | null;
  @ApiProperty({ nullable: true }) ruleVersion!: number | null;
  @ApiProperty({ nullable: true }) incidentId!: string | null;
  @ApiProperty({ nullable: true }) compensationId!: string | null;
  @ApiProperty({ nullable: true }) reversesId!: number | null;
}

export class LedgerEntryPage {
  @ApiProperty({ type: [LedgerEntryView] }) items!: LedgerEntryView[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

export class SummaryRow {
  @ApiProperty({ nullable: true, example: 'functional_defect' }) key!: string | null;
  @ApiProperty({ example: 120, description: 'Net member days granted to users' })
  memberDays!: number;
  @ApiProperty({ example: 5000, description: 'Net Q-coins granted to users' }) qCoins!: number;
  @ApiProperty({ example: 40 }) transfers!: number;
  @ApiProperty({ example: 38 }) users!: number;
}

export class LedgerSummary {
  @ApiProperty({ enum: SUMMARY_GROUPS }) groupBy!: string;
  @ApiProperty({ nullable: true }) from!: string | null;
  @ApiProperty({ nullable: true }) to!: string | null;
  @ApiProperty({ type: [SummaryRow] }) rows!: SummaryRow[];
}

export class Balances {
  @ApiProperty({ example: 3 }) member_days!: number;
  @ApiProperty({ example: 50 }) q_coins!: number;
}

export class AccountBalances {
  @ApiProperty({ example: '10086123' }) platformUserId!: string;
  @ApiProperty({ type: Balances }) balances!: Balances;
}

export class ClosedPeriod {
  @ApiProperty({ example: '202610' }) period!: string;
  @ApiProperty() closedAt!: string;
}

export class VerifyReport {
  @ApiProperty() ok!: boolean;
  @ApiProperty() transfers!: number;
  @ApiProperty() entries!: number;
  @ApiProperty() accounts!: number;
  @ApiProperty({ type: [String], description: 'What does not hold, if anything' })
  problems!: string[];
}

export class TransferView {
  @ApiProperty() id!: number;
  @ApiProperty() kind!: string;
  @ApiProperty() idempotencyKey!: string;
  @ApiProperty({ nullable: true }) reversesId!: number | null;
  @ApiProperty() effectiveAt!: string;
  @ApiProperty() replayed!: boolean;
}
