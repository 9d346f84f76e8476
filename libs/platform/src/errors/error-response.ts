import { HttpException, HttpStatus } from '@nestjs/common';
import { CommonErrorCode, DomainError, ErrorKind } from './domain-error.js';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  errors?: string[];
  requestId?: string;
}

export interface ErrorResponse {
  body: ErrorBody;
  retryAfterSeconds?: number;
  /** True when the failure is ours, not the client's: it is logged with its stack. */
  unexpected: boolean;
}

const STATUS_BY_KIND: Record<ErrorKind, HttpStatus> = {
  [ErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorKind.UnsupportedMediaType]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorKind.TooManyRequests]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
};

const CODE_BY_STATUS: Partial<Record<number, CommonErrorCode>> = {
  400: CommonErrorCode.ValidationFailed,
  401: CommonErrorCode.Unauthenticated,
  403: CommonErrorCode.Forbidden,
  404: CommonErrorCode.RouteNotFound,
  409: CommonErrorCode.Conflict,
  413: CommonErrorCode.PayloadTooLarge,
  415: CommonErrorCode.UnsupportedMediaType,
  429: CommonErrorCode.TooManyRequests,
  503: CommonErrorCode.ServiceUnavailable,
};

/**
 * Body-parser failures arrive as plain errors with a `status` and usually a `type`; those without
 * one (a body that fails to decompress) are still marked `expose`, as http-errors does for 4xx.
 */
interface BodyParserError {
  type?: string;
  status: number;
  expose?: boolean;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).status === 'number' &&
    (typeof (error as BodyParserError).type === 'string' ||
      (error as BodyParserError).expose === true)
  );
}

/** SQLSTATEs (and driver messages) of a lost or refused database connection: retrying may work. */
const CONNECTION_LOSS = new Set([
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && (CONNECTION_LOSS.has(code) || code === 'ECONNREFUSED')) ||
    (typeof message === 'string' &&
      /Connection terminated|connection ended unexpectedly|Client has encountered a connection error/i.test(
        message,
      ))
  );
}

function reason(status: number): string {
  const name = HttpStatus[status] ?? 'ERROR';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * The one mapping from anything thrown to the desk's error body
 * `{statusCode, error, message, code}`; used by the Nest filter and the Express error handler alike.
 */
export function toErrorResponse(error: unknown, requestId?: string): ErrorResponse {
  const build = (statusCode: number, code: string, message: string, errors?: string[]) => ({
    statusCode,
    error: reason(statusCode),
    message,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
  });

  if (error instanceof DomainError) {
    const status = STATUS_BY_KIND[error.kind];
    return {
      body: build(status, error.code, error.message, error.details?.errors),
      retryAfterSeconds: error.details?.retryAfterSeconds,
      unexpected: false,
    };
  }
  if (isBodyParserError(error)) {
    if (error.type === 'entity.parse.failed') {
      return {
        body: build(400, CommonErrorCode.MalformedJson, 'Request body is not valid JSON'),
        unexpected: false,
      };
    }
    if (error.type === 'entity.too.large') {
      return {
        body: build(413, CommonErrorCode.PayloadTooLarge, 'Request body is too large'),
        unexpected: false,
      };
    }
    if (error.status >= 400 && error.status < 500) {
      return {
        body: build(
          error.status,
          CODE_BY_STATUS[error.status] ?? CommonErrorCode.ValidationFailed,
          'Request body could not be read',
        ),
        unexpected: false,
      };
    }
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status < 500) {
      const response = error.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? [response.message].flat().join('; ')
          : error.message;
      const code =
        status === 404 && /^Cannot /.test(message)
          ? CommonErrorCode.RouteNotFound
          : (CODE_BY_STATUS[status] ?? CommonErrorCode.ValidationFailed);
      return { body: build(status, code, message), unexpected: false };
    }
  }
  if (isConnectionLoss(error)) {
    return {
      body: build(
        503,
        CommonErrorCode.ServiceUnavailable,
        'The database is not reachable; try again',
      ),
      retryAfterSeconds: 1,
      unexpected: false,
    };
  }
  const suffix = requestId ? ` (request id ${requestId})` : '';
  return {
    body: build(500, CommonErrorCode.Internal, `Internal error${suffix}`),
    unexpected: true,
  };
}
