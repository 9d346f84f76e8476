import { registerDecorator, type ValidationOptions } from 'class-validator';

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

/** Template variables: at most 30 names (letters, digits, _) with string values of ≤ 500 characters. */
export function TemplateVariables(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'templateVariables',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must map up to 30 variable names to strings of at most 500 characters`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length <= 30 &&
            entries.every(([k, v]) => NAME.test(k) && typeof v === 'string' && v.length <= 500)
          );
        },
      },
    });
}
