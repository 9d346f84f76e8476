import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '@desk/platform';
import { Gauge } from 'prom-client';
import { TicketRepository } from './ticket.repository.js';

/** `desk_tickets_breached_open{queue}`: open tickets past an SLA deadline, read when scraped. */
@Injectable()
export class TicketsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly tickets: TicketRepository,
  ) {}

  onModuleInit(): void {
    const tickets = this.tickets;
    new Gauge({
      name: 'desk_tickets_breached_open',
      help: 'Open tickets that breached an SLA deadline, per queue',
      labelNames: ['queue'] as const,
      registers: [this.metrics.registry],
      async collect() {
        this.reset();
        const rows = await tickets.breachedOpenByQueue().catch(() => []);
        for (const { queueKey, count } of rows) this.set({ queue: queueKey }, count);
      },
    });
  }
}
