import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttpApp, createLogger, loadConfigOrExit, PinoNestLogger } from '@desk/platform';
import { ApiModule } from './api.module.js';

process.env.DESK_SERVICE ??= 'desk-api';
const config = loadConfigOrExit();
const log = createLogger(config.LOG_LEVEL);
const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
  bodyParser: false,
  logger: new PinoNestLogger(log),
});
configureHttpApp(app, log);
app.enableShutdownHooks();
await app.listen(config.PORT);
log.info({ port: config.PORT }, 'api listening');
