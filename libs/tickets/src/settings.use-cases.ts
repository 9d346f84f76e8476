import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import type { CannedResponseView, CreateCannedResponseDto } from './canned-response.dto.js';
import { CannedResponseRepository } from './canned-response.repository.js';
import { templateVariables } from './canned-response.policy.js';
import type { CannedResponseEntity } from './canned-response.entity.js';
import type { CreateQueueDto, QueueView } from './queue.dto.js';
import type { QueueEntity } from './queue.entity.js';
import { QueueRepository } from './queue.repository.js';
import type { SlaPolicyDto, SlaPolicyView } from './sla-policy.dto.js';
import type { SlaPolicyEntity } from './sla-policy.entity.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';
import { DEFAULT_QUEUE_KEY, TicketErrorCode } from './tickets.constants.js';

export const queueView = (q: QueueEntity): QueueView => ({
  key: q.key,
  name: q.name,
  categories: q.categories,
  priorities: q.priorities,
  isDefault: q.key === DEFAULT_QUEUE_KEY,
  createdAt: q.createdAt.toISOString(),
});

export const slaPolicyView = (p: SlaPolicyEntity): SlaPolicyView => ({
  priority: p.priority,
  firstResponseSeconds: p.firstResponseSeconds,
  resolutionSeconds: p.resolutionSeconds,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
});

export const cannedResponseView = (c: CannedResponseEntity): CannedResponseView => ({
  id: c.id,
  key: c.key,
  locale: c.locale,
  title: c.title,
  body: c.body,
  variables: templateVariables(c.body),
  createdAt: c.createdAt.toISOString(),
});

/** A supervisor adds a queue; routing uses it for tickets opened from then on. */
@Injectable()
export class CreateQueueUseCase {
  constructor(
    private readonly queues: QueueRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: Actor, dto: CreateQueueDto): Promise<QueueView> {
    return this.transactions.run(async (tx) => {
      const created = await this.queues.insertIfAbsent(tx, {
        key: dto.key,
        name: dto.name.trim(),
        categories: dto.categories,
        priorities: dto.priorities ?? [],
      });
      if (!created)
        throw DomainError.conflict(TicketErrorCode.QueueExists, `Queue ${dto.key} exists`);
      const view = queueView(created);
      await this.audit.append(tx, {
        actor,
        action: 'queue.created',
        entityType: 'queue',
        entityId: created.key,
        after: view,
      });
      return view;
    });
  }
}

/**
 * A supervisor changes SLA targets of the listed priorities (the others stay). Each change bumps
 * that priority's version; tickets opened afterwards use it, open ones keep their deadlines.
 */
@Injectable()
export class UpdateSlaPoliciesUseCase {
  constructor(
    private readonly policies: SlaPolicyRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: Actor, changes: SlaPolicyDto[]): Promise<SlaPolicyView[]> {
    const priorities = changes.map((c) => c.priority);
    if (new Set(priorities).size !== priorities.length) {
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, 'Each priority may appear once');
    }
    const invalid = changes.filter((c) => c.resolutionSeconds < c.firstResponseSeconds);
    if (invalid.length > 0) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        `resolutionSeconds must not be shorter than firstResponseSeconds (${invalid.map((c) => c.priority).join(', ')})`,
      );
    }
    return this.transactions.run(async (tx) => {
      const current = new Map((await this.policies.lockAll(tx)).map((p) => [p.priority, p]));
      for (const change of changes) {
        const before = current.get(change.priority);
        await this.policies.upsert(tx, { ...change, version: (before?.version ?? 0) + 1 });
        await this.audit.append(tx, {
          actor,
          action: 'sla_policy.updated',
          entityType: 'sla_policy',
          entityId: change.priority,
          before: before ? slaPolicyView(before) : null,
          after: { ...change, version: (before?.version ?? 0) + 1 },
        });
      }
      return (await this.policies.all(tx)).map(slaPolicyView);
    });
  }
}

/** Adds a reply template in one language; the same key in the other language is its translation. */
@Injectable()
export class CreateCannedResponseUseCase {
  constructor(
    private readonly canned: CannedResponseRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: Actor, dto: CreateCannedResponseDto): Promise<CannedResponseView> {
    return this.transactions.run(async (tx) => {
      const created = await this.canned.insertIfAbsent(tx, {
        key: dto.key,
        locale: dto.locale,
        title: dto.title.trim(),
        body: dto.body,
      });
      if (!created) {
        throw DomainError.conflict(
          TicketErrorCode.CannedResponseExists,
          `A canned response ${dto.key} in ${dto.locale} exists`,
        );
      }
      await this.audit.append(tx, {
        actor,
        action: 'canned_response.created',
        entityType: 'canned_response',
        entityId: created.id,
        after: { key: created.key, locale: created.locale, title: created.title },
      });
      return cannedResponseView(created);
    });
  }
}
