import { Writable } from 'node:stream';
import { createLogger, maskText } from './logger.js';
import { runWithContext } from './request-context.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('logging', () => {
  it('masks e-mails, mainland mobile numbers and bearer tokens in text', () => {
    expect(
      maskText('from li.wei@example.cn, phone 13812345678 or +86 13912345678; Bearer abc.def.ghi'),
    ).toBe('from [email], phone [mobile] or [mobile]; Bearer [redacted]');
    expect(maskText('order 2026112412345678 total 99')).toBe('order 2026112412345678 total 99');
  });

  it('writes JSON lines with the request id and redacts secret fields', () => {
    const { lines, logger } = capture();
    runWithContext({ requestId: 'req-1', actorId: 'staff-1' }, () =>
      logger.info(
        { user: { email: 'a@b.cn', password: 'x', contact: '13812345678' }, token: 't' },
        'login by a@b.cn',
      ),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      requestId: 'req-1',
      actorId: 'staff-1',
      msg: 'login by [email]',
      token: '[redacted]',
      user: { email: '[redacted]', password: '[redacted]', contact: '[redacted]' },
    });
  });
});
