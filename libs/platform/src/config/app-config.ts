import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Development defaults: they work on a developer machine and are refused in production. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me-in-production';
export const DEV_ADMIN_PASSWORD = 'desk-admin-dev-password';

const int = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/**
 * Every setting the desk reads from the environment, validated once at boot.
 * Names are the environment variable names, so an error message names the variable to fix.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/desk';

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /** Prefix of every Redis key the desk writes (queues, rate limits); lets several desks share one Redis. */
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/i, {
    message: 'REDIS_PREFIX must be 1-40 letters, digits, _ or -',
  })
  REDIS_PREFIX = 'desk';

  @Transform(int)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @Transform(int)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  JWT_TTL_SECONDS = 8 * 3600;

  @Matches(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'DESK_ADMIN_EMAIL must be an e-mail address' })
  DESK_ADMIN_EMAIL = 'admin@desk.local';

  @IsString()
  @MinLength(12, { message: 'DESK_ADMIN_PASSWORD must be at least 12 characters' })
  DESK_ADMIN_PASSWORD = DEV_ADMIN_PASSWORD;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PUBLIC_RATE_LIMIT_PER_IP_PER_MINUTE = 30;

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  PUBLIC_RATE_LIMIT_PER_USER_PER_HOUR = 10;

  @IsIn(['ledger', 'webhook'])
  FULFILMENT_PROVIDER: 'ledger' | 'webhook' = 'ledger';

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  FULFILMENT_WEBHOOK_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'FULFILMENT_WEBHOOK_SECRET must be at least 16 characters' })
  FULFILMENT_WEBHOOK_SECRET?: string;

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(50)
  FULFILMENT_MAX_ATTEMPTS = 8;

  /** First retry of a failed delivery after this long; each further one waits twice as long. */
  @Transform(int)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  FULFILMENT_BACKOFF_MS = 2000;

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  COMPENSATION_PROPOSAL_TTL_HOURS = 168;

  /** How often each worker sweeps for SLA events and shift boundaries whose timer was lost. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(3600)
  SLA_SWEEP_INTERVAL_SECONDS = 30;

  /** Spike detection: the sliding window, and how often each worker looks. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  INCIDENT_WINDOW_MINUTES = 15;

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(3600)
  INCIDENT_DETECT_INTERVAL_SECONDS = 60;

  /** Fewest complaints in the window that can make a spike. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  INCIDENT_MIN_COUNT = 20;

  /** A spike holds at least this many times the baseline. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1000)
  INCIDENT_MIN_RATIO = 3;

  /** …and is this unlikely under the baseline (Poisson tail, as 10^-n). */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(30)
  INCIDENT_SIGNIFICANCE_DIGITS = 4;

  /** Users granted per transaction when an incident plan runs. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(50_000)
  INCIDENT_PLAN_CHUNK = 2000;

  /** Lanes an incident plan runs in side by side (each a chunk transaction at a time). */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(16)
  INCIDENT_PLAN_LANES = 2;

  /** Failed logins allowed per e-mail and IP inside LOGIN_THROTTLE_WINDOW_SECONDS before 429. */
  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  @Transform(int)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  LOGIN_THROTTLE_WINDOW_SECONDS = 15 * 60;

  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  @IsString()
  CORS_ORIGINS = '';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const WEAK_SECRETS = /^(password|secret|changeme|change-me|admin|123456|qwerty)/i;

/**
 * Builds the configuration from an environment, applying defaults for anything unset or empty.
 * Throws ConfigError naming every variable that is wrong, so the process stops with one clear message.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defaults = new AppConfig();
  const known = Object.keys(defaults).concat([
    'FULFILMENT_WEBHOOK_URL',
    'FULFILMENT_WEBHOOK_SECRET',
  ]);
  const given: Record<string, string> = {};
  for (const key of known) {
    const value = env[key];
    if (value !== undefined && value !== '') given[key] = value;
  }
  const config = plainToInstance(AppConfig, given);
  // One line per wrong variable, naming it, with every rule it breaks.
  const problems = validateSync(config, { forbidUnknownValues: true }).map((error) => {
    const rules = Object.values(error.constraints ?? {}).map((text) =>
      text.replace(`${error.property} `, ''),
    );
    return `${error.property} ${rules.join('; ')}`;
  });
  if (config.isProduction) {
    if (!given.JWT_SECRET) problems.push('JWT_SECRET must be set when NODE_ENV=production');
    if (!given.DESK_ADMIN_PASSWORD) {
      problems.push('DESK_ADMIN_PASSWORD must be set when NODE_ENV=production');
    }
    if (config.JWT_SECRET === DEV_JWT_SECRET || weak(config.JWT_SECRET)) {
      problems.push('JWT_SECRET is too weak for production (use 32+ random characters)');
    }
    if (config.DESK_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD || weak(config.DESK_ADMIN_PASSWORD)) {
      problems.push('DESK_ADMIN_PASSWORD is too weak for production');
    }
  }
  if (config.FULFILMENT_PROVIDER === 'webhook') {
    if (!config.FULFILMENT_WEBHOOK_URL) {
      problems.push('FULFILMENT_WEBHOOK_URL is required when FULFILMENT_PROVIDER=webhook');
    }
    if (!config.FULFILMENT_WEBHOOK_SECRET) {
      problems.push('FULFILMENT_WEBHOOK_SECRET is required when FULFILMENT_PROVIDER=webhook');
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A secret is weak when it is a well-known word or uses fewer than 8 distinct characters. */
function weak(secret: string): boolean {
  return WEAK_SECRETS.test(secret) || new Set(secret).size < 8;
}

/** Origins allowed by CORS, parsed from CORS_ORIGINS. */
export function corsOrigins(config: AppConfig): string[] {
  return config.CORS_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/** For process entry points: a wrong setting stops the process with a message naming it. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
}
