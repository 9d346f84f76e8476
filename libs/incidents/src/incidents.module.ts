import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { ComplaintsCoreModule, IncidentPort } from '@desk/complaints';
import { LedgerCoreModule } from '@desk/ledger';
import { TicketsCoreModule } from '@desk/tickets';
import { ComplaintIncidents } from './complaint-incidents.service.js';
import { IncidentActions } from './incident-actions.use-cases.js';
import { IncidentDesk } from './incident-desk.service.js';
import { IncidentRepository } from './incident.repository.js';
import { IncidentsController, PublicIncidentsController } from './incidents.controller.js';
import { IncidentsProcessor, PlanWatchdog } from './incidents.processor.js';
import { IncidentPlans } from './plan.use-cases.js';
import { PlanRunner } from './plan-runner.service.js';
import { IncidentReviews } from './review.use-case.js';
import { SpikeDetector } from './spike-detector.service.js';
import { PostStatementRepliesUseCase, PublishStatementUseCase } from './statements.use-case.js';

/** Incident state for both apps, and the complaints library's IncidentPort (global for that). */
@Global()
@Module({
  imports: [AuditModule, ComplaintsCoreModule, LedgerCoreModule],
  providers: [
    IncidentRepository,
    PlanRunner,
    ComplaintIncidents,
    { provide: IncidentPort, useExisting: ComplaintIncidents },
  ],
  exports: [IncidentRepository, PlanRunner, ComplaintIncidents, IncidentPort],
})
export class IncidentsCoreModule {}

/** Incident routes and the public list. */
@Module({
  imports: [IncidentsCoreModule, AuditModule, ComplaintsCoreModule, LedgerCoreModule],
  controllers: [IncidentsController, PublicIncidentsController],
  providers: [
    IncidentDesk,
    IncidentActions,
    PublishStatementUseCase,
    IncidentPlans,
    IncidentReviews,
  ],
})
export class IncidentsModule {}

/** Spike detection, plan chunks, statement replies: the worker's part. */
@Module({
  imports: [IncidentsCoreModule, AuditModule, ComplaintsCoreModule, TicketsCoreModule],
  providers: [SpikeDetector, PostStatementRepliesUseCase, IncidentsProcessor, PlanWatchdog],
  exports: [SpikeDetector],
})
export class IncidentsWorkerModule {}
