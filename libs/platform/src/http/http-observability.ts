import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { MetricsService } from '../metrics/metrics.service.js';
import { runWithContext } from '../logging/request-context.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The route pattern that answered (never the raw URL, which may carry personal data). */
function routeOf(request: Request): string {
  const route = (request as Request & { route?: { path?: string } }).route;
  return route?.path ? `${request.baseUrl}${route.path}` : 'unmatched';
}

/**
 * Gives each request an id (the caller's X-Request-Id when well-formed), runs the rest of the request
 * inside that context, and on finish writes one access log line and one histogram observation.
 */
export function httpObservability(metrics: MetricsService, log: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(request);
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(response.statusCode) },
        seconds,
      );
      log.info(
        {
          requestId,
          method: request.method,
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 10_000) / 10,
        },
        'request finished',
      );
    });
    runWithContext({ requestId }, next);
  };
}
