import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfigOrExit, PinoNestLogger } from '@desk/platform';
import { WorkerModule } from './worker.module.js';

process.env.DESK_SERVICE ??= 'desk-worker';
const config = loadConfigOrExit();
const log = createLogger(config.LOG_LEVEL);
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new PinoNestLogger(log),
});
app.enableShutdownHooks();
log.info('worker consuming queues');
