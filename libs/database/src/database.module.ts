import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@desk/platform';
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        databaseOptions(
          config.DATABASE_URL,
          config.DATABASE_POOL_SIZE,
          process.env.DESK_SERVICE ?? 'desk',
        ),
    }),
  ],
})
export class DatabaseModule implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(private readonly dataSource: DataSource) {}

  /**
   * A connection the server drops while a request holds it (a restart, pg_terminate_backend)
   * makes its client emit 'error'; without a listener that would end the process. The request
   * using it fails (and is answered 503); the pool replaces the connection.
   */
  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master: pg.Pool }).master;
    pool.on('connect', (client) => {
      client.on('error', (error) => this.logger.warn(`database connection lost: ${error.message}`));
    });
  }
}
