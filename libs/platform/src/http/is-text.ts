import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/**
 * A required piece of human text: a string of `min`–`max` characters that is not only whitespace
 * (a reason, a title, a message body). Listed last-to-first because stacked decorators apply
 * bottom-up: the checks register, and report their messages, exactly as the stacked
 * `@IsString() @MinLength() @MaxLength() @Matches()` they replace did.
 */
export function IsText(min: number, max: number): PropertyDecorator {
  return applyDecorators(
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
    MinLength(min),
    IsString(),
  );
}
