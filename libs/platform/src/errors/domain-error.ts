/**
 * The kinds of failure a client can cause or meet. Each maps to exactly one HTTP status in the
 * exception filter, so domain code never speaks HTTP.
 */
export enum ErrorKind {
  Invalid = 'invalid',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  TooManyRequests = 'too_many_requests',
  Unavailable = 'unavailable',
}

/** Codes shared by every domain; each library adds its own enum of domain codes. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

/**
 * A failure the domain anticipates. `code` is stable and machine-readable; `message` is for people.
 * `retryAfterSeconds` becomes a Retry-After header for throttling errors.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: { retryAfterSeconds?: number; errors?: string[] },
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(code: string, message: string, errors?: string[]): DomainError {
    return new DomainError(ErrorKind.Invalid, code, message, errors ? { errors } : undefined);
  }

  static notFound(code: string, message: string): DomainError {
    return new DomainError(ErrorKind.NotFound, code, message);
  }

  static conflict(code: string, message: string): DomainError {
    return new DomainError(ErrorKind.Conflict, code, message);
  }

  static forbidden(code: string, message: string): DomainError {
    return new DomainError(ErrorKind.Forbidden, code, message);
  }

  static unauthenticated(code: string, message: string): DomainError {
    return new DomainError(ErrorKind.Unauthenticated, code, message);
  }

  static tooManyRequests(code: string, message: string, retryAfterSeconds: number): DomainError {
    return new DomainError(ErrorKind.TooManyRequests, code, message, { retryAfterSeconds });
  }
}
