import { getQueueToken } from '@nestjs/bull';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bull';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { OUTBOX_CHANNEL } from './outbox.js';

const BATCH = 500;
const POLL_MS = 1_000;
const ENQUEUE_TIMEOUT_MS = 5_000;

interface PendingRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
  job_key: string | null;
}

/**
 * Moves committed outbox rows into bull. Wakes on NOTIFY (low latency) and polls as a fallback (a
 * lost notification, a Redis outage). Rows are claimed with SKIP LOCKED, so several workers relay in
 * parallel without handing out the same row, and marked dispatched only after bull accepted them:
 * while Redis is down nothing is marked and the rows wait. The bull job id is the outbox id, and
 * every processor is idempotent, so a row relayed twice after a crash does no harm.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Starts a drain, or asks the running one to go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Relays batches until the outbox is empty, or pauses (to be kicked again) when bull refuses. */
  async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === BATCH);
    } catch (error) {
      this.logger.warn(`outbox relay paused: ${(error as Error).message}`);
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(
        `SELECT id, queue, job_name, payload, run_at, job_key FROM outbox WHERE dispatched_at IS NULL
         ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      const now = Date.now();
      const byQueue = new Map<string, PendingRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      await withTimeout(
        Promise.all(
          [...byQueue].map(([name, group]) =>
            this.queue(name).addBulk(
              group.map((row) => ({
                name: row.job_name,
                data: row.payload,
                opts: {
                  jobId: row.job_key ?? `outbox:${row.id}`,
                  ...(row.run_at ? { delay: Math.max(0, row.run_at.getTime() - now) } : {}),
                },
              })),
            ),
          ),
        ),
        ENQUEUE_TIMEOUT_MS,
      );
      await tx.query('UPDATE outbox SET dispatched_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }

  private queue(name: string): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'desk-outbox-listener',
    });
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      this.logger.warn(`outbox listener lost: ${error.message}; polling until it is back`);
      this.listener = undefined;
      setTimeout(() => void this.listen().catch(() => undefined), POLL_MS).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`outbox listener unavailable: ${(error as Error).message}`);
      await client.end().catch(() => undefined);
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not accept jobs within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
