import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { CompensationPort, ComplaintsCoreModule } from '@desk/complaints';
import { LedgerCoreModule } from '@desk/ledger';
import { TicketsCoreModule } from '@desk/tickets';
import { ApproveCompensationUseCase } from './approve-compensation.use-case.js';
import {
  ExpireProposalsUseCase,
  ProposeCompensationUseCase,
  RejectCompensationUseCase,
  RetryFulfilmentUseCase,
} from './compensation-actions.use-cases.js';
import { CompensationDesk } from './compensation-desk.service.js';
import { CompensationController } from './compensation.controller.js';
import { CompensationProcessor } from './compensation.processor.js';
import { CompensationRepository } from './compensation.repository.js';
import { CompensationSweeper } from './compensation-sweeper.js';
import { ComplaintCompensations } from './complaint-compensations.service.js';
import { EntitlementWebhook } from './entitlement-webhook.js';
import { FulfilCompensationUseCase } from './fulfil-compensation.use-case.js';
import { GrantService } from './grant.service.js';
import { ProposalService } from './proposal.service.js';
import { CompensationRules, RuleProposals } from './rules.use-cases.js';

const SHARED = [CompensationRepository, GrantService, ProposalService, RuleProposals];

/**
 * Proposals, grants and rule matching for the API, the worker and the incidents library, and the
 * complaints library's CompensationPort. Global, so complaints finds the port without importing
 * this library.
 */
@Global()
@Module({
  imports: [AuditModule, ComplaintsCoreModule, TicketsCoreModule, LedgerCoreModule],
  providers: [
    ...SHARED,
    ComplaintCompensations,
    { provide: CompensationPort, useExisting: ComplaintCompensations },
  ],
  exports: [...SHARED, CompensationPort],
})
export class CompensationCoreModule {}

/** Compensation routes: proposals, approvals, rules, the approval policy. */
@Module({
  imports: [CompensationCoreModule, AuditModule, ComplaintsCoreModule, TicketsCoreModule],
  controllers: [CompensationController],
  providers: [
    CompensationDesk,
    ProposeCompensationUseCase,
    ApproveCompensationUseCase,
    RejectCompensationUseCase,
    RetryFulfilmentUseCase,
    CompensationRules,
  ],
})
export class CompensationModule {}

/** Rule proposals on resolution, delivery, expiry: the worker's part. */
@Module({
  imports: [CompensationCoreModule, AuditModule, TicketsCoreModule],
  providers: [
    EntitlementWebhook,
    FulfilCompensationUseCase,
    ExpireProposalsUseCase,
    CompensationProcessor,
    CompensationSweeper,
  ],
})
export class CompensationWorkerModule {}
