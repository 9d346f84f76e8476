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

/** Deepest nesting of objects and arrays a JSON body may have; no DTO comes close to it. */
export const JSON_MAX_DEPTH = 32;

/**
 * Keys the validation pipe never shows the DTO whitelist, so they would pass unrefused: Nest deletes
 * `__proto__`, `prototype` and `constructor`, and class-transformer skips any key naming a member
 * every object inherits (`toString`, `hasOwnProperty` …).
 */
const isReservedKey = (key: string): boolean => key === 'prototype' || key in Object.prototype;

/**
 * Refuses, with 400 VALIDATION_FAILED, parsed JSON that the DTO validation cannot judge safely:
 * nesting deeper than {@link JSON_MAX_DEPTH} (the recursive transformer would exhaust the stack),
 * reserved keys such as `__proto__` or `toString` (dropped before the whitelist looks) and U+0000
 * in any key or string (PostgreSQL cannot store it). Walks the body without recursion.
 */
export function refuseUnsafeJson(request: Request, _response: Response, next: NextFunction): void {
  const problems: string[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [
    { value: request.body, path: '', depth: 1 },
  ];
  while (pending.length > 0) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string' && value.includes('\u0000'))
      problems.push(`${path || 'body'} must not contain the NUL character`);
    if (typeof value !== 'object' || value === null) continue;
    if (depth > JSON_MAX_DEPTH) {
      problems.push(`The body must not nest objects and arrays more than ${JSON_MAX_DEPTH} deep`);
      break;
    }
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (isReservedKey(key)) problems.push(`property ${at} should not exist`);
      else if (key.includes('\u0000')) problems.push(`${at} must not contain the NUL character`);
      pending.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  next(
    problems.length > 0
      ? DomainError.invalid(CommonErrorCode.ValidationFailed, problems.join('; '), problems)
      : undefined,
  );
}

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
