import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrorCode, DomainError } from '../errors/domain-error.js';

/** Flattens nested class-validator errors into readable lines like `roles.0: must be one of …`. */
export function validationMessages(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((text) =>
      text.startsWith(`${error.property} `) || text.startsWith(path)
        ? `${path}${text.slice(error.property.length)}`
        : `${path}: ${text}`,
    );
    return own.concat(validationMessages(error.children ?? [], path));
  });
}

/**
 * Whitelists DTO fields and rejects unknown ones: a request either matches its DTO exactly or
 * changes nothing and gets 400 VALIDATION_FAILED listing every problem.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const messages = validationMessages(errors);
      return DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        messages.join('; ') || 'Invalid request',
        messages,
      );
    },
  });
}
