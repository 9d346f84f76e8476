import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';

/**
 * The naive baseline of `npm run bench`: a bare NestJS route that does one INSERT per request (no
 * validation, idempotency, rate limit, audit, outbox or logging). Every intake figure is also
 * given as a ratio to this one.
 */
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/desk_bench',
  max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
});
await pool.query(
  'CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body jsonb NOT NULL)',
);

@Controller()
class BaselineController {
  @Post('baseline')
  @HttpCode(201)
  async insert(@Body() body: unknown): Promise<{ id: string }> {
    const { rows } = await pool.query(
      'INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id',
      [JSON.stringify(body)],
    );
    return { id: rows[0].id as string };
  }
}

@Module({ controllers: [BaselineController] })
class BaselineModule {}

const app = await NestFactory.create(BaselineModule, { logger: ['error'] });
await app.listen(Number(process.env.PORT ?? 3900), '127.0.0.1');
process.once('SIGTERM', () => void app.close().then(() => pool.end()));
