import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsText } from './is-text.js';

class Sample {
  @IsText(3, 10)
  reason!: string;
}

function messages(value: unknown): string[] {
  const [error] = validateSync(plainToInstance(Sample, { reason: value }));
  return error ? Object.values(error.constraints ?? {}) : [];
}

describe('IsText', () => {
  it('accepts text within its length that is not only whitespace', () => {
    expect(messages('late  ')).toEqual([]);
  });

  it('rejects blank text, naming the property', () => {
    expect(messages('     ')).toEqual(['reason must not be blank']);
  });

  it('reports every failed check, in the order of the stacked decorators it replaces', () => {
    expect(messages(42)).toEqual([
      'reason must not be blank',
      'reason must be shorter than or equal to 10 characters',
      'reason must be longer than or equal to 3 characters',
      'reason must be a string',
    ]);
    expect(messages('a'.repeat(11))).toEqual([
      'reason must be shorter than or equal to 10 characters',
    ]);
  });
});
