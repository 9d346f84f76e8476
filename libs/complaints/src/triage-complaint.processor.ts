import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, SYSTEM } from '@desk/audit';
import {
  JobHandler,
  JobName,
  QueueConsumer,
  QueueName,
  Transactions,
  type Tx,
} from '@desk/platform';
import { similarity, type TriageResult } from '@desk/triage';
import type { Job } from 'bull';
import type { ComplaintEntity, ComplaintStatus } from './complaint.entity.js';
import { ComplaintRepository } from './complaint.repository.js';
import { IncidentPort, TicketPort } from './ticket-port.js';
import { TriageEngine, triageText } from './triage-engine.service.js';

/** The same user, within this many hours, with text at least this similar: a duplicate. */
export const DUPLICATE_WINDOW_HOURS = 72;
export const DUPLICATE_SIMILARITY = 0.5;

/** Complaints triaged per transaction at most. */
const MAX_BATCH = 100;
/** Batches at once: one is classified while the other waits on the database. */
const MAX_IN_FLIGHT = 2;

type Outcome = ComplaintStatus | 'skipped';

interface Waiting {
  complaintId: string;
  resolve: (outcome: Outcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Triages complaints taken in by the API and opens their tickets, in batches: the jobs that arrive
 * while a batch commits form the next one, so a burst costs one transaction (one commit, one turn
 * at the audit chain and the assignment lock) per batch instead of one per complaint. Each
 * complaint still gets its own duplicate check, ticket, incident link and audit records; should a
 * batch fail as a whole, its complaints are triaged one by one. Idempotent: a complaint that left
 * `received` is not touched again, so a job delivered twice changes nothing.
 */
@Injectable()
export class TriageBatcher {
  private readonly logger = new Logger('Triage');
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly complaints: ComplaintRepository,
    private readonly engine: TriageEngine,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly tickets: TicketPort,
    private readonly incidents: IncidentPort,
  ) {}

  triage(complaintId: string): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ complaintId, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length > 0) {
      this.inFlight += 1;
      const batch = this.waiting.splice(0, MAX_BATCH);
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.triageAll(batch.map((w) => w.complaintId));
      batch.forEach((w, i) => w.resolve(outcomes[i]));
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      this.logger.warn(
        `triage batch of ${batch.length} failed (${(error as Error).message}); one by one`,
      );
      for (const w of batch)
        await this.triageAll([w.complaintId]).then(([o]) => w.resolve(o), w.reject);
    }
  }

  private async triageAll(ids: string[]): Promise<Outcome[]> {
    // The classifier runs before the transaction: no locks are held while it thinks.
    const found = await this.complaints.findByIds(ids);
    const results = new Map<string, TriageResult>();
    for (const c of found) {
      if (c.status === 'received')
        results.set(c.id, await this.engine.decide(triageText(c.title, c.description)));
    }
    if (results.size === 0) return ids.map(() => 'skipped');
    return this.transactions.run(async (tx) => {
      const locked = (await this.complaints.lockByIds(tx, [...results.keys()]))
        .filter((c) => c.status === 'received')
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
      if (locked.length === 0) return ids.map(() => 'skipped');
      const originals = await this.duplicatesOf(tx, locked);
      const now = new Date();
      const triaged = locked.map((complaint): ComplaintEntity => {
        const result = results.get(complaint.id)!;
        const original = originals.get(complaint.id);
        return {
          ...complaint,
          status: original ? 'duplicate' : result.needsReview ? 'needs_review' : 'triaged',
          category: result.category,
          priority: result.priority,
          language: result.language,
          triage: { ...result, explanation: { ...result.explanation } },
          triagedAt: now,
          duplicateOfId: original ?? null,
        };
      });
      await this.complaints.saveTriage(tx, triaged);
      await this.audit.appendMany(
        tx,
        triaged.map((c) => ({
          actor: SYSTEM,
          action: 'complaint.triaged',
          entityType: 'complaint',
          entityId: c.id,
          before: { status: 'received' },
          after: {
            status: c.status,
            category: c.category,
            priority: c.priority,
            confidence: c.triage!.confidence,
            duplicateOfId: c.duplicateOfId,
          },
        })),
      );
      // Duplicates join the original's ticket instead of opening new work.
      await this.tickets.openMany(
        tx,
        triaged.filter((c) => c.status !== 'duplicate'),
      );
      // While an incident of their kind is open, they join it (and its plan, if any).
      await this.incidents.complaintsTriaged(tx, triaged);
      const outcomes = new Map(triaged.map((c) => [c.id, c.status]));
      return ids.map((id) => outcomes.get(id) ?? 'skipped');
    });
  }

  /**
   * For each complaint, the earliest similar complaint of the same user in the window before it
   * (followed to its own original) — complaints of the same batch included, in filing order.
   */
  private async duplicatesOf(
    tx: Tx,
    complaints: readonly ComplaintEntity[],
  ): Promise<Map<string, string>> {
    const earliest = Math.min(...complaints.map((c) => c.createdAt.getTime()));
    const since = new Date(earliest - DUPLICATE_WINDOW_HOURS * 3_600_000);
    const recent = await this.complaints.recentOfUsers(
      tx,
      complaints.map((c) => c.platformUserId),
      since,
    );
    const originalOf = new Map<string, string | null>(recent.map((c) => [c.id, c.duplicateOfId]));
    const found = new Map<string, string>();
    for (const complaint of complaints) {
      const text = triageText(complaint.title, complaint.description);
      const windowStart = complaint.createdAt.getTime() - DUPLICATE_WINDOW_HOURS * 3_600_000;
      const match = recent.find(
        (e) =>
          e.platformUserId === complaint.platformUserId &&
          e.id !== complaint.id &&
          e.createdAt.getTime() > windowStart &&
          (e.createdAt < complaint.createdAt ||
            (e.createdAt.getTime() === complaint.createdAt.getTime() && e.id < complaint.id)) &&
          similarity(text, triageText(e.title, e.description)) >= DUPLICATE_SIMILARITY,
      );
      if (!match) continue;
      const original = found.get(match.id) ?? originalOf.get(match.id) ?? match.id;
      found.set(complaint.id, original);
    }
    return found;
  }
}

/** The triage queue's consumer: many jobs at once, so that they meet in batches. */
@QueueConsumer(QueueName.Triage)
export class TriageComplaintProcessor {
  constructor(private readonly batcher: TriageBatcher) {}

  @JobHandler(JobName.TriageComplaint, 64)
  handle(job: Job<{ complaintId: string }>): Promise<Outcome> {
    return this.batcher.triage(job.data.complaintId);
  }
}
