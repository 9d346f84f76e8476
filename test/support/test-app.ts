import { randomBytes } from 'node:crypto';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import {
  type AppConfig,
  configureHttpApp,
  createLogger,
  loadConfig,
  type LogLevel,
  PinoNestLogger,
  type Role,
} from '@desk/platform';
import { databaseUrl, onServer } from './databases.js';

const TEST_REDIS_URL = process.env.DESK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export const ADMIN_EMAIL = 'admin@desk.test';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

/** A database cloned from the migrated template, and a Redis key prefix, both private to one suite. */
export interface Sandbox {
  config: AppConfig;
  db: DataSource;
  drop(): Promise<void>;
}

export async function createSandbox(overrides: Record<string, string> = {}): Promise<Sandbox> {
  const template = process.env.DESK_TEST_TEMPLATE;
  if (!template)
    throw new Error('DESK_TEST_TEMPLATE is unset: run suites through jest (global setup)');
  const suffix = randomBytes(5).toString('hex');
  const name = `desk_t_${suffix}`;
  await onServer((query) => query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(name),
    DATABASE_POOL_SIZE: '10',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t_${suffix}`,
    DESK_ADMIN_EMAIL: ADMIN_EMAIL,
    DESK_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: process.env.DESK_TEST_LOG_LEVEL ?? 'error',
    ...overrides,
  });
  const db = new DataSource({ type: 'postgres', url: config.DATABASE_URL, extra: { max: 2 } });
  await db.initialize();
  return {
    config,
    db,
    async drop() {
      await db.destroy();
      await onServer((query) => query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      // The suite's own Redis, even when the app under test was given a Redis that is down.
      const redis = new Redis(TEST_REDIS_URL);
      const keys = await redis.keys(`${config.REDIS_PREFIX}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}

export interface TestApp extends Sandbox {
  app: INestApplication;
  http: ReturnType<typeof request>;
  adminToken: string;
  /** Logs in and returns the bearer token. */
  login(email: string, password: string): Promise<string>;
  /** Creates a staff member through the API (as admin) and returns their id and token. */
  staffWith(
    roles: Role[],
    skills?: string[],
  ): Promise<{ id: string; email: string; token: string }>;
  close(): Promise<void>;
}

/** The real API (same set-up as main.ts) on a sandbox database; one per suite. */
export async function startApi(overrides: Record<string, string> = {}): Promise<TestApp> {
  const sandbox = await createSandbox(overrides);
  const log = createLogger(sandbox.config.LOG_LEVEL as LogLevel);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(sandbox.config)] })
    .setLogger(new PinoNestLogger(log))
    .compile();
  const app = moduleRef.createNestApplication({
    bodyParser: false,
    logger: new PinoNestLogger(log),
  });
  configureHttpApp(app, log);
  await app.init();
  const http = request(app.getHttpServer());

  const login = async (email: string, password: string) => {
    const response = await http.post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200)
      throw new Error(`login failed for ${email}: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  };
  const adminToken = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  let seq = 0;
  const staffWith = async (roles: Role[], skills: string[] = []) => {
    const email = `${roles.join('-')}-${++seq}-${randomBytes(3).toString('hex')}@desk.test`;
    const password = 'staff-password-1234';
    const created = await http
      .post('/api/v1/admin/staff')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ email, password, displayName: `Test ${roles.join(' ')}`, roles, skills });
    if (created.status !== 201)
      throw new Error(`staff creation failed: ${created.status} ${created.text}`);
    return { id: created.body.id as string, email, token: await login(email, password) };
  };

  return {
    ...sandbox,
    app,
    http,
    adminToken,
    login,
    staffWith,
    async close() {
      await app.close();
      await sandbox.drop();
    },
  };
}

/** The real worker on a sandbox's database and Redis prefix. */
export async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createLogger('fatal')),
  });
  await worker.init();
  return worker;
}

/** Polls until `check` returns a value (or the suite's timeout ends the test). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  intervalMs = 50,
): Promise<T> {
  for (;;) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
