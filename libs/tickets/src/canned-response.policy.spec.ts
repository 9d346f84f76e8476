import { renderTemplate, templateVariables } from './canned-response.policy.js';

describe('canned response templates', () => {
  it('lists each variable once', () => {
    expect(templateVariables('{{name}}, 您的工单 {{ trackingCode }} … {{name}}')).toEqual([
      'name',
      'trackingCode',
    ]);
  });

  it('fills every placeholder', () => {
    expect(renderTemplate('Hi {{name}}, ref {{code}}.', { name: 'Ann', code: 'X1' })).toEqual({
      text: 'Hi Ann, ref X1.',
      missing: [],
    });
  });

  it('reports missing variables instead of sending braces to a user', () => {
    expect(renderTemplate('Hi {{name}}, ref {{code}}.', { name: 'Ann' }).missing).toEqual(['code']);
  });

  it('inserts values literally, even when they look like placeholders', () => {
    expect(renderTemplate('{{a}}', { a: '{{b}} $& $1' }).text).toBe('{{b}} $& $1');
  });
});
