import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { JobName, QueueName } from '../queues/queues.js';

export interface OutboxMessage {
  queue: QueueName;
  job: JobName;
  payload: Record<string, unknown>;
  /** Run no earlier than this (a delayed bull job). */
  runAt?: Date;
  /** Bull job id; the same key twice while the first job exists is one job. */
  jobKey?: string;
}

/** Channel the outbox trigger notifies on insert, so the relay wakes at once instead of polling. */
export const OUTBOX_CHANNEL = 'desk_outbox';

/** Records work in the caller's transaction; it reaches the queue only if the transaction commits. */
@Injectable()
export class Outbox {
  async add(tx: Tx, ...messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const values = messages
      .map((_, i) => {
        const n = i * 5;
        return `($${n + 1}, $${n + 2}, $${n + 3}::jsonb, $${n + 4}::timestamptz, $${n + 5})`;
      })
      .join(', ');
    await tx.query(
      `INSERT INTO outbox (queue, job_name, payload, run_at, job_key) VALUES ${values}`,
      messages.flatMap((m) => [
        m.queue,
        m.job,
        JSON.stringify(m.payload),
        m.runAt ?? null,
        m.jobKey ?? null,
      ]),
    );
  }
}
