import { type PipeTransform, ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
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

/**
 * Validates a bare JSON array body item by item with the same rules as the global pipe (whitelist,
 * unknown fields refused), reporting problems as `[index].field …`. Nest's ValidationPipe skips
 * arrays, and its ParseArrayPipe reports errors in another shape.
 */
export class ParseArrayOf<T extends object> implements PipeTransform<unknown, T[]> {
  constructor(
    private readonly type: new () => T,
    private readonly limits: { min: number; max: number },
  ) {}

  transform(value: unknown): T[] {
    if (!Array.isArray(value)) {
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, 'The body must be a JSON array');
    }
    if (value.length < this.limits.min || value.length > this.limits.max) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        `The array must hold ${this.limits.min} to ${this.limits.max} items`,
      );
    }
    const messages: string[] = [];
    const items = value.map((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        messages.push(`[${i}] must be an object`);
        return item as T;
      }
      const instance = plainToInstance(this.type, item);
      const errors = validateSync(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        validationError: { target: false, value: false },
      });
      messages.push(...validationMessages(errors, `[${i}]`));
      return instance;
    });
    if (messages.length > 0) {
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, messages.join('; '), messages);
    }
    return items;
  }
}
