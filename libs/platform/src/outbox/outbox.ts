import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/transactions.js';
import type { JobName, QueueName } from '../queues/queues.js';

export interface OutboxMessage {
  queue: QueueName;
  job: JobName;
  payload: Record<string, unknown>;
}

/** Channel the outbox trigger notifies on insert, so the relay wakes at once instead of polling. */
export const OUTBOX_CHANNEL = 'desk_outbox';

/** Records work in the caller's transaction; it reaches the queue only if the transaction commits. */
@Injectable()
export class Outbox {
  async add(tx: Tx, ...messages: OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const values = messages
      .map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3}::jsonb)`)
      .join(', ');
    await tx.query(
      `INSERT INTO outbox (queue, job_name, payload) VALUES ${values}`,
      messages.flatMap((m) => [m.queue, m.job, JSON.stringify(m.payload)]),
    );
  }
}
