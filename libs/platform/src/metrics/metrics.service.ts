import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface QueueDepthSource {
  name: string;
  getJobCounts(): Promise<object>;
}

/**
 * One Prometheus registry per process (not prom-client's global one, so several apps in one test
 * process do not collide). Domains add their own metrics through `registry`.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'desk_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly queueSources: QueueDepthSource[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'desk_' });
    const sources = this.queueSources;
    new Gauge({
      name: 'desk_queue_jobs',
      help: 'Jobs per bull queue and state, read when scraped',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          sources.map(async (queue) => {
            // A scrape must not fail while Redis is away; the health check reports that instead.
            const counts = await queue.getJobCounts().catch(() => undefined);
            for (const [state, n] of Object.entries(counts ?? {}) as [string, number][])
              this.set({ queue: queue.name, state }, n);
          }),
        );
      },
    });
  }

  watchQueues(queues: QueueDepthSource[]): void {
    this.queueSources.push(...queues);
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
