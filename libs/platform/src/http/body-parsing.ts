import express, { type NextFunction, type Request, type Response } from 'express';
import { CommonErrorCode, DomainError, ErrorKind } from '../errors/domain-error.js';

/** Largest JSON body the API accepts; the longest legitimate body (a 5,000-character complaint) fits easily. */
export const JSON_BODY_LIMIT = '64kb';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * API writes must be JSON: a body of another type is refused with 415 before any handler runs,
 * so nothing downstream ever sees a half-parsed form.
 */
export function requireJson(request: Request, _response: Response, next: NextFunction): void {
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  if (WRITE_METHODS.has(request.method) && hasBody && !request.is('application/json')) {
    next(
      new DomainError(
        ErrorKind.UnsupportedMediaType,
        CommonErrorCode.UnsupportedMediaType,
        'Request body must be application/json',
      ),
    );
    return;
  }
  next();
}

export const jsonBodyParser = express.json({ limit: JSON_BODY_LIMIT, strict: true });

/** Pages whose plain HTML forms post here; nothing else accepts form bodies. */
const FORM_PATHS = new Set(['/', '/track', '/track/replies']);
const urlencoded = express.urlencoded({
  limit: JSON_BODY_LIMIT,
  extended: false,
  parameterLimit: 20,
});

/** Parses `application/x-www-form-urlencoded` bodies of the public pages' forms (they work without JavaScript). */
export function formBodyParser(request: Request, response: Response, next: NextFunction): void {
  if (request.method === 'POST' && FORM_PATHS.has(request.path))
    urlencoded(request, response, next);
  else next();
}
