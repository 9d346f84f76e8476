import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@desk/platform';
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
export class DatabaseModule {}
