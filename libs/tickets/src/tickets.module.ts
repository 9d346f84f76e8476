import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { ComplaintsCoreModule, TicketPort } from '@desk/complaints';
import { Assignment } from './assignment.service.js';
import { CannedResponseRepository } from './canned-response.repository.js';
import { AssignTicketUseCase, ClaimTicketUseCase } from './claim-ticket.use-case.js';
import { ComplaintTickets } from './complaint-tickets.service.js';
import { CreateShiftUseCase } from './create-shift.use-case.js';
import { DutyRepository } from './duty.repository.js';
import { HandleShiftBoundaryUseCase } from './handle-shift-boundary.use-case.js';
import { HandleSlaUseCase } from './handle-sla.use-case.js';
import { NotificationRepository } from './notification.repository.js';
import { Notifier } from './notifier.service.js';
import { PostTicketMessageUseCase } from './post-ticket-message.use-case.js';
import { QueueRepository } from './queue.repository.js';
import { RosterDesk } from './roster-desk.service.js';
import {
  CreateCannedResponseUseCase,
  CreateQueueUseCase,
  UpdateSlaPoliciesUseCase,
} from './settings.use-cases.js';
import {
  NotificationsController,
  QueuesController,
  ShiftsController,
} from './settings.controller.js';
import { ShiftTimers } from './shift-timers.js';
import { SlaTimers } from './sla-clock.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { SlaReports } from './sla-report.service.js';
import { TicketDesk } from './ticket-desk.service.js';
import { TicketRepository } from './ticket.repository.js';
import { TicketSweeper } from './ticket-sweeper.js';
import { TicketTimersProcessor } from './ticket-timers.processor.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsMetrics } from './tickets-metrics.js';
import { TransitionTicketUseCase } from './transition-ticket.use-case.js';

/** Repositories and services that the API's and the worker's parts both use. */
const SHARED = [
  TicketRepository,
  QueueRepository,
  DutyRepository,
  NotificationRepository,
  SlaPolicyRepository,
  CannedResponseRepository,
  Notifier,
  Assignment,
  SlaTimers,
  ShiftTimers,
  TransitionTicketUseCase,
];

/**
 * Ticket state shared by the API and the worker, and the complaints library's TicketPort. Global,
 * so the complaints modules find the port without importing this library.
 */
@Global()
@Module({
  imports: [AuditModule, ComplaintsCoreModule],
  providers: [...SHARED, ComplaintTickets, { provide: TicketPort, useExisting: ComplaintTickets }],
  exports: [...SHARED, TicketPort],
})
export class TicketsCoreModule {}

/** Tickets, queues, shifts, SLA policies, canned responses, notifications, reports: the API's part. */
@Module({
  imports: [TicketsCoreModule, AuditModule, ComplaintsCoreModule],
  controllers: [TicketsController, QueuesController, ShiftsController, NotificationsController],
  providers: [
    TicketDesk,
    RosterDesk,
    SlaReports,
    TicketsMetrics,
    ClaimTicketUseCase,
    AssignTicketUseCase,
    PostTicketMessageUseCase,
    CreateQueueUseCase,
    CreateShiftUseCase,
    UpdateSlaPoliciesUseCase,
    CreateCannedResponseUseCase,
  ],
})
export class TicketsModule {}

/** SLA timers, shift boundaries and the sweeper: the worker's part. */
@Module({
  imports: [TicketsCoreModule, AuditModule, ComplaintsCoreModule],
  providers: [HandleSlaUseCase, HandleShiftBoundaryUseCase, TicketTimersProcessor, TicketSweeper],
})
export class TicketsWorkerModule {}
