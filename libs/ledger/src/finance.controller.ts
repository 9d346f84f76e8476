import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CommonErrorCode, CurrentStaff, DomainError, type Principal, Roles } from '@desk/platform';
import type { Response } from 'express';
import {
  AccountBalances,
  ClosedPeriod,
  LedgerEntryPage,
  LedgerSummary,
  ListEntriesQuery,
  PeriodQuery,
  ReverseTransferDto,
  SummaryQuery,
  TransferView,
  VerifyReport,
} from './finance.dto.js';
import { FinanceService } from './finance.service.js';

const PLATFORM_USER_ID = /^[1-9][0-9]{4,11}$/;
const staff = (me: Principal) => ({ kind: 'staff' as const, id: me.id });

@ApiTags('finance')
@Controller('finance')
export class FinanceController {
  constructor(private readonly finance: FinanceService) {}

  @Get('ledger/entries')
  @Roles('finance')
  @ApiOperation({
    summary: 'Ledger entries, newest first (filters: period, unit, account, incident, category)',
  })
  @ApiOkResponse({ type: LedgerEntryPage })
  entries(@Query() query: ListEntriesQuery): Promise<LedgerEntryPage> {
    return this.finance.entries(query);
  }

  @Get('ledger/summary')
  @Roles('finance')
  @ApiOperation({ summary: 'Net grants to users per category, rule, incident or day' })
  @ApiOkResponse({ type: LedgerSummary })
  summary(@Query() query: SummaryQuery): Promise<LedgerSummary> {
    return this.finance.summary(query);
  }

  @Get('ledger/export.csv')
  @Roles('finance')
  @ApiOperation({
    summary: 'Every entry of the period as CSV (RFC 4180, UTF-8 with BOM), streamed',
  })
  @ApiProduces('text/csv')
  export(@Query() query: PeriodQuery, @Res() res: Response): Promise<void> {
    return this.finance.exportCsv(query, res);
  }

  @Get('ledger/verify')
  @Roles('finance')
  @ApiOperation({ summary: 'Re-check every ledger invariant from the entries' })
  @ApiOkResponse({ type: VerifyReport })
  verify(): Promise<VerifyReport> {
    return this.finance.verify();
  }

  @Post('ledger/transfers/:id/reverse')
  @Roles('finance')
  @ApiOperation({ summary: 'Reverse a transfer (a new transfer referencing it; at most once)' })
  @ApiCreatedResponse({ type: TransferView })
  reverse(
    @CurrentStaff() me: Principal,
    @Param('id') id: string,
    @Body() dto: ReverseTransferDto,
  ): Promise<TransferView> {
    if (!/^[1-9]\d{0,17}$/.test(id))
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, 'id must be a transfer id');
    return this.finance.reverse(staff(me), id, dto.reason);
  }

  @Get('accounts/:platformUserId')
  @Roles('finance')
  @ApiOperation({ summary: 'A platform user’s balances (0 when none)' })
  @ApiOkResponse({ type: AccountBalances })
  balances(@Param('platformUserId') platformUserId: string): Promise<AccountBalances> {
    if (!PLATFORM_USER_ID.test(platformUserId))
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'platformUserId must be 5-12 digits',
      );
    return this.finance.balances(platformUserId);
  }

  @Post('periods/:yyyymm/close')
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({
    summary: 'Close an accounting month: no posting may be dated into it afterwards',
  })
  @ApiCreatedResponse({ type: ClosedPeriod })
  close(@CurrentStaff() me: Principal, @Param('yyyymm') period: string): Promise<ClosedPeriod> {
    return this.finance.closePeriod(staff(me), period);
  }
}
