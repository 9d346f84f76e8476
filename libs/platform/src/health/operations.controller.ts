import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../http/public.decorator.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { REDIS } from '../redis/redis.js';

type Check = 'up' | 'down';

/** Liveness of the things the desk cannot work without, and Prometheus metrics. Outside /api/v1. */
@ApiTags('operations')
@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly metrics: MetricsService,
  ) {}

  @Get('health')
  @ApiOperation({ summary: 'Database and Redis reachability' })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: { database: 'up', redis: 'up' } } } })
  @ApiServiceUnavailableResponse({
    schema: { example: { status: 'degraded', checks: { database: 'up', redis: 'down' } } },
  })
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(() => this.redis.ping()),
    ]);
    const ok = database === 'up' && redis === 'up';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', checks: { database, redis } };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics: HTTP histogram by route and status, queue depths, process',
  })
  @ApiProduces('text/plain')
  metricsText(): Promise<string> {
    return this.metrics.render();
  }

  private async probe(check: () => Promise<unknown>): Promise<Check> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), 2_000).unref(),
    );
    try {
      await Promise.race([check(), timeout]);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
