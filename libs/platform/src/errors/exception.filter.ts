import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentContext } from '../logging/request-context.js';
import { toErrorResponse } from './error-response.js';

const logger = new Logger('Errors');

/** Sends the desk's error body; unknown failures are logged with their stack and never echo it. */
export function sendError(error: unknown, response: Response): void {
  const { body, retryAfterSeconds, unexpected } = toErrorResponse(
    error,
    currentContext()?.requestId,
  );
  if (unexpected) {
    logger.error(
      error instanceof Error ? error.message : String(error),
      error instanceof Error ? error.stack : undefined,
    );
  }
  if (response.headersSent) return;
  if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
  response.status(body.statusCode).json(body);
}

/** The single filter mapping everything thrown inside Nest to `{statusCode, error, message, code}`. */
@Catch()
export class DeskExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    sendError(exception, host.switchToHttp().getResponse<Response>());
  }
}

/** Express error middleware for failures before Nest routing (body parsing). */
export function expressErrorHandler(
  error: unknown,
  _request: Request,
  response: Response,
  _next: () => void,
): void {
  sendError(error, response);
}
