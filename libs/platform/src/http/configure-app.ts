import { type INestApplication, RequestMethod } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppConfig, corsOrigins } from '../config/app-config.js';
import { DeskExceptionFilter, expressErrorHandler } from '../errors/exception.filter.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { formBodyParser, jsonBodyParser, refuseUnsafeJson, requireJson } from './body-parsing.js';
import { httpObservability } from './http-observability.js';
import { createValidationPipe } from './validation.js';

export const API_PREFIX = 'api/v1';

/** Routes served outside /api/v1: operations and the public pages. */
export const UNPREFIXED_ROUTES = [
  { path: 'health', method: RequestMethod.GET },
  { path: 'metrics', method: RequestMethod.GET },
  { path: '/', method: RequestMethod.ALL },
  { path: 'track', method: RequestMethod.ALL },
  { path: 'track/replies', method: RequestMethod.POST },
  { path: 'status', method: RequestMethod.GET },
  { path: 'assets/desk.js', method: RequestMethod.GET },
];

/**
 * Everything an HTTP app needs before routes: request ids and access logs, security headers, JSON
 * parsing with limits, the global prefix, validation, the error filter and Swagger. Used by the API's
 * main and by the end-to-end tests, so tests exercise the real set-up.
 */
export function configureHttpApp(app: INestApplication, log: Logger): void {
  const config = app.get(AppConfig);
  const express = app.getHttpAdapter().getInstance();
  express.set('trust proxy', 'loopback');
  express.disable('x-powered-by');
  app.use(httpObservability(app.get(MetricsService), log));
  app.use(helmet());
  const origins = corsOrigins(config);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: false, maxAge: 600 });
  app.use(`/${API_PREFIX}`, requireJson, jsonBodyParser, refuseUnsafeJson);
  app.use(formBodyParser);
  app.use(expressErrorHandler);
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DeskExceptionFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Complaint & Compensation Desk')
      .setDescription(
        'Public intake and tracking, the staff admin API and the finance API. Staff routes need a bearer ' +
          'token from POST /api/v1/auth/login. Errors are {statusCode, error, message, code}.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    useGlobalPrefix: false,
  });
}
