import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, type AuditEntry, PUBLIC } from '@desk/audit';
import {
  JobName,
  Outbox,
  type OutboxMessage,
  QueueName,
  Transactions,
  type Tx,
} from '@desk/platform';
import { ComplaintRepository, type NewComplaint } from './complaint.repository.js';
import type { IntakeKeyEntity } from './intake-key.entity.js';

/** One complaint ready to be written, with its idempotency claim if the client sent a key. */
export interface PreparedIntake {
  complaint: NewComplaint;
  key?: Omit<IntakeKeyEntity, 'createdAt'>;
}

/** `taken`: another request holds this Idempotency-Key (the caller answers it as a replay). */
export type IntakeOutcome = 'stored' | 'taken';

interface Waiting {
  intake: PreparedIntake;
  resolve: (outcome: IntakeOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

export const triageJobKey = (complaintId: string) => `triage:${complaintId}`;
/** Batches in flight at once; measured: 1, 2 and 3 give the same throughput (the API's CPU is the limit). */
const MAX_IN_FLIGHT = 1;

/**
 * Group commit for intake. Each complaint still commits with its outbox row (triage work) and its
 * audit record — the guarantee is per complaint — but concurrent requests share one transaction:
 * one commit, one audit-chain lock and one outbox NOTIFY for the whole batch, instead of one each.
 * The client gets its 201 only after the batch committed. Should a batch fail as a whole (one bad
 * row), its requests are retried one by one so that only the culprit fails.
 */
@Injectable()
export class IntakeGroupCommit {
  private readonly logger = new Logger('Intake');
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  store(intake: PreparedIntake): Promise<IntakeOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ intake, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      this.inFlight += 1;
      const batch = this.waiting.splice(0, MAX_BATCH);
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async commit(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.transactions.run((tx) =>
        this.write(
          tx,
          batch.map((w) => w.intake),
        ),
      );
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      this.logger.warn(
        `intake batch of ${batch.length} failed (${(error as Error).message}); one by one`,
      );
      for (const w of batch) {
        await this.transactions
          .run((tx) => this.write(tx, [w.intake]))
          .then(([outcome]) => w.resolve(outcome), w.reject);
      }
    }
  }

  private async write(tx: Tx, intakes: PreparedIntake[]): Promise<IntakeOutcome[]> {
    const keyed = intakes.filter((i) => i.key).map((i) => i.key!);
    const claimed = await this.complaints.claimIntakeKeys(tx, keyed);
    // A key repeated inside the batch is claimed by its first request only.
    const seen = new Set<string>();
    const outcomes = intakes.map((i): IntakeOutcome => {
      if (!i.key) return 'stored';
      if (!claimed.has(i.key.key) || seen.has(i.key.key)) return 'taken';
      seen.add(i.key.key);
      return 'stored';
    });
    const stored = intakes.filter((_, n) => outcomes[n] === 'stored').map((i) => i.complaint);
    if (stored.length === 0) return outcomes;
    await this.complaints.insertMany(tx, stored);
    await this.outbox.add(
      tx,
      ...stored.map((c): OutboxMessage => ({
        queue: QueueName.Triage,
        job: JobName.TriageComplaint,
        payload: { complaintId: c.id },
      })),
    );
    await this.audit.appendMany(
      tx,
      stored.map((c): AuditEntry => ({
        actor: PUBLIC,
        action: 'complaint.received',
        entityType: 'complaint',
        entityId: c.id,
        after: {
          trackingCode: c.trackingCode,
          platformUserId: c.platformUserId,
          userCategory: c.userCategory,
          locale: c.locale,
        },
      })),
    );
    return outcomes;
  }
}
