import { Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { FinanceController } from './finance.controller.js';
import { FinanceService } from './finance.service.js';
import { LedgerGroupCommit } from './ledger-group-commit.js';
import { LedgerRepository } from './ledger.repository.js';
import { LedgerService } from './ledger.service.js';

/** Posting transfers: for every domain that moves compensation (API and worker). */
@Module({
  imports: [AuditModule],
  providers: [LedgerRepository, LedgerService, LedgerGroupCommit],
  exports: [LedgerService, LedgerGroupCommit],
})
export class LedgerCoreModule {}

/** The finance API over the ledger. */
@Module({
  imports: [AuditModule, LedgerCoreModule],
  controllers: [FinanceController],
  providers: [FinanceService],
})
export class LedgerModule {}
