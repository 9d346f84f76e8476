import { type DynamicModule, Module } from '@nestjs/common';
import { AuditWorkerModule } from '@desk/audit';
import { ComplaintsWorkerModule } from '@desk/complaints';
import { CompensationWorkerModule } from '@desk/compensation';
import { DatabaseModule } from '@desk/database';
import { IncidentsWorkerModule } from '@desk/incidents';
import { TicketsWorkerModule } from '@desk/tickets';
import {
  type AppConfig,
  OutboxModule,
  OutboxRelayModule,
  PlatformModule,
  QueuesModule,
} from '@desk/platform';
import { JobRegistryCheck } from './job-registry.check.js';

/** The queue worker: bull processors of every domain, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        DatabaseModule,
        QueuesModule.forRoot('worker'),
        OutboxModule,
        OutboxRelayModule,
        AuditWorkerModule,
        ComplaintsWorkerModule,
        TicketsWorkerModule,
        CompensationWorkerModule,
        IncidentsWorkerModule,
      ],
      providers: [JobRegistryCheck],
    };
  }
}
