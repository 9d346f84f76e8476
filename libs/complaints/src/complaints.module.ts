import { Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { AdminComplaintsController, AdminTriageController } from './admin-complaints.controller.js';
import { ComplaintDesk } from './complaint-desk.service.js';
import { ComplaintRepository } from './complaint.repository.js';
import { PagesController } from './pages/pages.controller.js';
import { CorrectTriageUseCase } from './correct-triage.use-case.js';
import { IntakeGroupCommit } from './intake-group-commit.js';
import { IntakeReplayCache } from './intake-replay-cache.js';
import { PublicComplaintsController } from './public-complaints.controller.js';
import { PublicTrackingService } from './public-tracking.service.js';
import { SearchText } from './search-text.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';
import { TriageBatcher, TriageComplaintProcessor } from './triage-complaint.processor.js';
import { TriageSweeper } from './triage-sweeper.js';
import { TriageEngine } from './triage-engine.service.js';
import { TriageRules } from './triage-rules.service.js';

const shared = [TriageEngine, SearchText];

/** Storage of complaints and their messages: for this library and the ones that build on it. */
@Module({ providers: [ComplaintRepository], exports: [ComplaintRepository] })
export class ComplaintsCoreModule {}

/** Intake, tracking, the agents' complaint views and triage administration: the API's part. */
@Module({
  imports: [AuditModule, ComplaintsCoreModule],
  controllers: [
    PublicComplaintsController,
    AdminComplaintsController,
    AdminTriageController,
    PagesController,
  ],
  providers: [
    ...shared,
    ComplaintDesk,
    CorrectTriageUseCase,
    IntakeGroupCommit,
    IntakeReplayCache,
    PublicTrackingService,
    SubmitComplaintUseCase,
    TriageRules,
  ],
})
export class ComplaintsModule {}

/**
 * Triage of complaints from the outbox: the worker's part. Both parts need a `TicketPort`
 * provider from a global module (the tickets library's).
 */
@Module({
  imports: [AuditModule, ComplaintsCoreModule],
  providers: [...shared, TriageBatcher, TriageComplaintProcessor, TriageSweeper],
})
export class ComplaintsWorkerModule {}
