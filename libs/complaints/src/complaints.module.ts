import { Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { AdminComplaintsController, AdminTriageController } from './admin-complaints.controller.js';
import { ComplaintDesk } from './complaint-desk.service.js';
import { ComplaintRepository } from './complaint.repository.js';
import { PagesController } from './pages/pages.controller.js';
import { CorrectTriageUseCase } from './correct-triage.use-case.js';
import { IntakeReplayCache } from './intake-replay-cache.js';
import { PublicComplaintsController } from './public-complaints.controller.js';
import { PublicTrackingService } from './public-tracking.service.js';
import { SearchText } from './search-text.js';
import { SubmitComplaintUseCase } from './submit-complaint.use-case.js';
import { TriageComplaintProcessor } from './triage-complaint.processor.js';
import { TriageEngine } from './triage-engine.service.js';
import { TriageRules } from './triage-rules.service.js';

const shared = [ComplaintRepository, TriageEngine, SearchText];

/** Intake, tracking, the agents' complaint views and triage administration: the API's part. */
@Module({
  imports: [AuditModule],
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
    IntakeReplayCache,
    PublicTrackingService,
    SubmitComplaintUseCase,
    TriageRules,
  ],
})
export class ComplaintsModule {}

/** Triage of complaints from the outbox: the worker's part. */
@Module({ imports: [AuditModule], providers: [...shared, TriageComplaintProcessor] })
export class ComplaintsWorkerModule {}
