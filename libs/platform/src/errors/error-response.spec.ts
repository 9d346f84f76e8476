import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, ErrorKind } from './domain-error.js';
import { toErrorResponse } from './error-response.js';

describe('toErrorResponse', () => {
  it('maps each domain error kind to its status and keeps the code', () => {
    const cases: [ErrorKind, number, string][] = [
      [ErrorKind.Invalid, 400, 'Bad Request'],
      [ErrorKind.Unauthenticated, 401, 'Unauthorized'],
      [ErrorKind.Forbidden, 403, 'Forbidden'],
      [ErrorKind.NotFound, 404, 'Not Found'],
      [ErrorKind.Conflict, 409, 'Conflict'],
      [ErrorKind.TooManyRequests, 429, 'Too Many Requests'],
    ];
    for (const [kind, status, error] of cases) {
      expect(toErrorResponse(new DomainError(kind, 'SOME_CODE', 'text')).body).toEqual({
        statusCode: status,
        error,
        message: 'text',
        code: 'SOME_CODE',
      });
    }
  });

  it('carries Retry-After for throttling', () => {
    expect(
      toErrorResponse(DomainError.tooManyRequests('SLOW_DOWN', 'wait', 42)).retryAfterSeconds,
    ).toBe(42);
  });

  it('maps body-parser failures and framework 4xx exceptions', () => {
    expect(toErrorResponse({ type: 'entity.parse.failed', status: 400 }).body.code).toBe(
      'MALFORMED_JSON',
    );
    expect(toErrorResponse({ type: 'entity.too.large', status: 413 }).body).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(toErrorResponse(new NotFoundException('Cannot GET /x')).body.code).toBe(
      'ROUTE_NOT_FOUND',
    );
    expect(toErrorResponse(new BadRequestException(['a', 'b'])).body).toMatchObject({
      statusCode: 400,
      message: 'a; b',
    });
  });

  it('hides unknown failures behind a 500 naming only the request id', () => {
    const response = toErrorResponse(new Error('relation "secret_table" does not exist'), 'req-9');
    expect(response).toEqual({
      unexpected: true,
      body: {
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal error (request id req-9)',
        code: 'INTERNAL_ERROR',
        requestId: 'req-9',
      },
    });
  });
});
