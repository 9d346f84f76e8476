import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@desk/audit';
import { AuthModule } from '@desk/auth';
import { ComplaintsModule } from '@desk/complaints';
import { CompensationModule } from '@desk/compensation';
import { DatabaseModule } from '@desk/database';
import { IncidentsModule } from '@desk/incidents';
import { LedgerModule } from '@desk/ledger';
import { TicketsModule } from '@desk/tickets';
import {
  type AppConfig,
  OperationsModule,
  OutboxModule,
  PlatformModule,
  QueuesModule,
} from '@desk/platform';

/** The HTTP application: composes the domain modules; owns no logic of its own. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config),
        DatabaseModule,
        QueuesModule.forRoot('api'),
        OutboxModule,
        OperationsModule,
        AuditModule,
        AuthModule,
        ComplaintsModule,
        TicketsModule,
        LedgerModule,
        CompensationModule,
        IncidentsModule,
      ],
    };
  }
}
