import { type DynamicModule, Module } from '@nestjs/common';
import { AuditWorkerModule } from '@desk/audit';
import { DatabaseModule } from '@desk/database';
import { type AppConfig, PlatformModule, QueuesModule } from '@desk/platform';
import { JobRegistryCheck } from './job-registry.check.js';

/** The queue worker: bull processors of every domain, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot(config), DatabaseModule, QueuesModule, AuditWorkerModule],
      providers: [JobRegistryCheck],
    };
  }
}
