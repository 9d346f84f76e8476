import { Injectable } from '@nestjs/common';
import { insertMissing, pageWithTotal, returnedRows, type Tx } from '@desk/platform';
import { DataSource, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  ComplaintMessageEntity,
  type MessageAuthor,
  type MessageVisibility,
} from './complaint-message.entity.js';
import { ComplaintEntity } from './complaint.entity.js';
import { IntakeKeyEntity } from './intake-key.entity.js';
import { TriageExampleEntity } from './triage-example.entity.js';

export type NewComplaint = Pick<
  ComplaintEntity,
  | 'id'
  | 'trackingCode'
  | 'trackingTokenHash'
  | 'platformUserId'
  | 'contact'
  | 'title'
  | 'description'
  | 'locale'
  | 'occurredAt'
  | 'userCategory'
  | 'searchText'
>;

export interface ComplaintFilter {
  category?: string;
  priority?: string;
  status?: string;
  /** Queue key of the complaint's ticket. */
  queue?: string;
  /** Segmented words; every one must occur. */
  words?: string[];
  from?: string;
  to?: string;
  page: number;
  limit: number;
}

/** The only place that knows how complaints, their messages and intake keys are stored. */
@Injectable()
export class ComplaintRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, complaint: NewComplaint): Promise<ComplaintEntity> {
    await tx.getRepository(ComplaintEntity).insert(complaint);
    return tx.getRepository(ComplaintEntity).findOneByOrFail({ id: complaint.id });
  }

  /** Many complaints in one statement (intake's group commit). */
  async insertMany(tx: Tx, complaints: readonly NewComplaint[]): Promise<void> {
    if (complaints.length > 0) await tx.getRepository(ComplaintEntity).insert([...complaints]);
  }

  /** Complaints still waiting for triage since before `olderThan`, oldest first. */
  async awaitingTriage(olderThan: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM complaints WHERE status = 'received' AND created_at < $1
        ORDER BY created_at LIMIT $2`,
      [olderThan, limit],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  findById(id: string, tx?: Tx): Promise<ComplaintEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(ComplaintEntity).findOneBy({ id });
  }

  findByTrackingCode(trackingCode: string): Promise<ComplaintEntity | null> {
    return this.dataSource.getRepository(ComplaintEntity).findOneBy({ trackingCode });
  }

  findByIds(ids: readonly string[]): Promise<ComplaintEntity[]> {
    return this.dataSource.getRepository(ComplaintEntity).findBy({ id: In([...ids]) });
  }

  /** Locks several complaints, in id order (no deadlock between two batches), and returns them. */
  lockByIds(tx: Tx, ids: readonly string[]): Promise<ComplaintEntity[]> {
    return tx
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  lockById(tx: Tx, id: string): Promise<ComplaintEntity | null> {
    return tx
      .getRepository(ComplaintEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(tx: Tx, id: string, changes: Partial<ComplaintEntity>): Promise<ComplaintEntity> {
    await tx
      .getRepository(ComplaintEntity)
      .update({ id }, changes as Parameters<Repository<ComplaintEntity>['update']>[1]);
    return tx.getRepository(ComplaintEntity).findOneByOrFail({ id });
  }

  /** Complaints of these users filed since an instant, oldest first: duplicate candidates of a batch. */
  recentOfUsers(
    tx: Tx,
    platformUserIds: readonly string[],
    since: Date,
  ): Promise<ComplaintEntity[]> {
    return tx
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where('c.platform_user_id IN (:...users)', { users: [...new Set(platformUserIds)] })
      .andWhere('c.created_at > :since', { since })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  /** Writes the triage verdicts of many complaints in one statement. */
  async saveTriage(
    tx: Tx,
    verdicts: readonly Pick<
      ComplaintEntity,
      | 'id'
      | 'status'
      | 'category'
      | 'priority'
      | 'language'
      | 'triage'
      | 'triagedAt'
      | 'duplicateOfId'
    >[],
  ): Promise<void> {
    if (verdicts.length === 0) return;
    await tx.query(
      `UPDATE complaints c SET status = v.status, category = v.category, priority = v.priority,
              language = v.language, triage = v.triage::jsonb, triaged_at = v.triaged_at,
              duplicate_of_id = v.duplicate_of_id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                     $7::timestamptz[], $8::uuid[])
              AS v(id, status, category, priority, language, triage, triaged_at, duplicate_of_id)
        WHERE c.id = v.id`,
      [
        verdicts.map((v) => v.id),
        verdicts.map((v) => v.status),
        verdicts.map((v) => v.category),
        verdicts.map((v) => v.priority),
        verdicts.map((v) => v.language),
        verdicts.map((v) => JSON.stringify(v.triage)),
        verdicts.map((v) => v.triagedAt),
        verdicts.map((v) => v.duplicateOfId),
      ],
    );
  }

  /** A page of complaints, newest first, and how many match in all. */
  list(
    filter: ComplaintFilter,
  ): Promise<{ items: ComplaintEntity[]; total: number; totalIsEstimate: boolean }> {
    return pageWithTotal(this.dataSource, this.listQuery(filter), this.countQuery(filter));
  }

  listQuery(filter: ComplaintFilter): SelectQueryBuilder<ComplaintEntity> {
    return this.filtered(filter)
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .offset((filter.page - 1) * filter.limit)
      .limit(filter.limit);
  }

  /** What the total counts: the filtered rows (see boundedTotal; TypeORM's count is COUNT(DISTINCT)). */
  countQuery(filter: ComplaintFilter): SelectQueryBuilder<ComplaintEntity> {
    return this.filtered(filter).select('1');
  }

  private filtered(filter: ComplaintFilter): SelectQueryBuilder<ComplaintEntity> {
    const qb = this.dataSource.getRepository(ComplaintEntity).createQueryBuilder('c');
    if (filter.category) qb.andWhere('c.category = :category', { category: filter.category });
    if (filter.priority) qb.andWhere('c.priority = :priority', { priority: filter.priority });
    if (filter.status) qb.andWhere('c.status = :status', { status: filter.status });
    if (filter.queue) {
      // Tickets belong to the tickets library; this read-only probe of its table (by its unique
      // complaint index) is the one place complaints look at it, to filter agents' lists.
      qb.andWhere(
        'EXISTS (SELECT 1 FROM tickets t WHERE t.complaint_id = c.id AND t.queue_key = :queue)',
        { queue: filter.queue },
      );
    }
    if (filter.from) qb.andWhere('c.created_at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('c.created_at < :to', { to: filter.to });
    if (filter.words && filter.words.length > 0) {
      // Same expression as the GIN index complaints_search_idx, so the index answers it.
      qb.andWhere(`to_tsvector('simple', c.search_text) @@ plainto_tsquery('simple', :words)`, {
        words: filter.words.join(' '),
      });
    }
    return qb;
  }

  async addMessage(
    tx: Tx,
    message: {
      complaintId: string;
      authorKind: MessageAuthor;
      authorId: string | null;
      visibility: MessageVisibility;
      body: string;
    },
  ): Promise<ComplaintMessageEntity> {
    const repository = tx.getRepository(ComplaintMessageEntity);
    return repository.save(repository.create(message));
  }

  messages(complaintId: string, visibility?: MessageVisibility): Promise<ComplaintMessageEntity[]> {
    return this.dataSource.getRepository(ComplaintMessageEntity).find({
      where: { complaintId, ...(visibility ? { visibility } : {}) },
      order: { id: 'ASC' },
    });
  }

  /** Claims many intake keys at once; returns those claimed (the others were held already). */
  async claimIntakeKeys(
    tx: Tx,
    keys: readonly Omit<IntakeKeyEntity, 'createdAt'>[],
  ): Promise<Set<string>> {
    return new Set(await insertMissing(tx, IntakeKeyEntity, keys, 'key'));
  }

  findIntakeKey(key: string): Promise<IntakeKeyEntity | null> {
    return this.dataSource.getRepository(IntakeKeyEntity).findOneBy({ key });
  }

  // Incidents: a complaint belongs to at most one (complaints.incident_id, set by the incidents library).

  /** Links complaints to an incident; returns those that moved (with the incident they left). */
  async linkIncident(
    tx: Tx,
    complaintIds: readonly string[],
    incidentId: string,
  ): Promise<{ id: string; previous: string | null }[]> {
    return returnedRows(
      await tx.query(
        `UPDATE complaints c SET incident_id = $2
         FROM (SELECT id, incident_id AS previous FROM complaints WHERE id = ANY($1) FOR UPDATE) old
        WHERE c.id = old.id AND c.incident_id IS DISTINCT FROM $2
        RETURNING c.id, old.previous`,
        [complaintIds, incidentId],
      ),
    );
  }

  /** Links the unlinked complaints of a category filed since an instant; returns how many. */
  async linkRecentToIncident(
    tx: Tx,
    incidentId: string,
    category: string,
    since: Date,
  ): Promise<number> {
    const rows = returnedRows(
      await tx.query(
        `UPDATE complaints SET incident_id = $1
          WHERE category = $2 AND created_at >= $3 AND incident_id IS NULL
          RETURNING id`,
        [incidentId, category, since],
      ),
    );
    return rows.length;
  }

  async unlinkIncident(tx: Tx, complaintId: string, incidentId: string): Promise<boolean> {
    const rows = returnedRows(
      await tx.query(
        'UPDATE complaints SET incident_id = NULL WHERE id = $1 AND incident_id = $2 RETURNING id',
        [complaintId, incidentId],
      ),
    );
    return rows.length > 0;
  }

  async moveIncident(tx: Tx, fromId: string, toId: string): Promise<number> {
    const rows = returnedRows(
      await tx.query('UPDATE complaints SET incident_id = $2 WHERE incident_id = $1 RETURNING id', [
        fromId,
        toId,
      ]),
    );
    return rows.length;
  }

  /** Complaints and distinct users per incident. */
  async incidentCounts(
    incidentIds: readonly string[],
  ): Promise<Map<string, { complaints: number; users: number; firstAt: Date | null }>> {
    if (incidentIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT incident_id, count(*)::int AS complaints, count(DISTINCT platform_user_id)::int AS users,
              min(created_at) AS first_at
         FROM complaints WHERE incident_id = ANY($1) GROUP BY incident_id`,
      [incidentIds],
    )) as { incident_id: string; complaints: number; users: number; first_at: Date | null }[];
    return new Map(
      rows.map((r) => [
        r.incident_id,
        { complaints: r.complaints, users: r.users, firstAt: r.first_at },
      ]),
    );
  }

  /**
   * Posts one public reply on every complaint of an incident, once each (the dedupe key carries
   * the source), in one statement. Returns how many were posted now.
   */
  async replyToIncident(tx: Tx, incidentId: string, body: string, source: string): Promise<number> {
    const rows = (await tx.query(
      `INSERT INTO complaint_messages (complaint_id, author_kind, author_id, visibility, body, dedupe_key)
       SELECT id, 'agent', NULL, 'public', $2, $3 || ':' || id FROM complaints WHERE incident_id = $1
       ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING id`,
      [incidentId, body, source],
    )) as unknown[];
    return rows.length;
  }

  /** Keeps an agent's correction as a labelled example for the classifier. */
  async addTriageExample(
    tx: Tx,
    example: Pick<
      TriageExampleEntity,
      'text' | 'category' | 'priority' | 'complaintId' | 'createdBy'
    >,
  ): Promise<void> {
    await tx.getRepository(TriageExampleEntity).insert(example);
  }
}
