import { ConfigError, DEV_ADMIN_PASSWORD, loadConfig } from './app-config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loadConfig', () => {
  it('works on this machine with no environment at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/desk',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      LOG_LEVEL: 'info',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: 30,
      PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: 10,
      FULFILMENT_PROVIDER: 'ledger',
      FULFILMENT_MAX_ATTEMPTS: 8,
      COMPENSATION_PROPOSAL_TTL_HOURS: 168,
    });
  });

  it('parses numbers and treats empty values as unset', () => {
    expect(loadConfig({ PORT: '8080', LOG_LEVEL: '' })).toMatchObject({
      PORT: 8080,
      LOG_LEVEL: 'info',
    });
  });

  it('names every wrong variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://x',
      PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE/);
    expect(problems).toHaveLength(4);
  });

  it('accepts rate limits up to 10,000,000 and no more', () => {
    expect(
      loadConfig({ PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '10000000' })
        .PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR,
    ).toBe(10_000_000);
    expect(problemsOf({ PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR: '10000001' })).toHaveLength(1);
  });

  it('in production requires JWT_SECRET and DESK_ADMIN_PASSWORD and refuses weak ones', () => {
    expect(problemsOf({ NODE_ENV: 'production' }).join('\n')).toMatch(
      /JWT_SECRET must be set[\s\S]*DESK_ADMIN_PASSWORD must be set/,
    );
    const weak = problemsOf({
      NODE_ENV: 'production',
      JWT_SECRET: 'a'.repeat(40),
      DESK_ADMIN_PASSWORD: DEV_ADMIN_PASSWORD,
    });
    expect(weak.join('\n')).toMatch(/JWT_SECRET is too weak[\s\S]*DESK_ADMIN_PASSWORD is too weak/);
    expect(
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: 'q8Zr1mT4vX9pL2sK7wN3bH6yD0cF5gJe',
        DESK_ADMIN_PASSWORD: 'Tq7!vRz2#pLm9xW',
      }).isProduction,
    ).toBe(true);
  });

  it('requires the webhook URL and secret for the webhook provider', () => {
    expect(problemsOf({ FULFILMENT_PROVIDER: 'webhook' })).toEqual([
      'FULFILMENT_WEBHOOK_URL is required when FULFILMENT_PROVIDER=webhook',
      'FULFILMENT_WEBHOOK_SECRET is required when FULFILMENT_PROVIDER=webhook',
    ]);
  });
});
