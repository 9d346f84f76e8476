import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { ComplaintRepository } from '@desk/complaints';
import { DomainError, Transactions, type Tx } from '@desk/platform';
import { canMove, isOpenIncident } from './incident-lifecycle.policy.js';
import type { IncidentEntity } from './incident.entity.js';
import { IncidentRepository } from './incident.repository.js';
import type { CreateIncidentDto, IncidentView, UpdateIncidentDto } from './incidents.dto.js';
import { IncidentErrorCode } from './incidents.constants.js';
import { incidentView } from './incident.views.js';
import { PlanRunner } from './plan-runner.service.js';

type StaffActor = Extract<Actor, { kind: 'staff' }>;

export const incidentNotFound = () =>
  DomainError.notFound(IncidentErrorCode.IncidentNotFound, 'No incident with this id');

/** Opening, changing, linking and merging incidents by hand (supervisors). */
@Injectable()
export class IncidentActions {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly plans: PlanRunner,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  /** Read after commit: counts come from another connection. */
  private async view(incident: IncidentEntity): Promise<IncidentView> {
    return incidentView(
      incident,
      (await this.complaints.incidentCounts([incident.id])).get(incident.id),
    );
  }

  async create(actor: StaffActor, dto: CreateIncidentDto): Promise<IncidentView> {
    const incident = await this.transactions.run(async (tx) => {
      const created = await this.incidents.insertIfNoneOpen(tx, {
        title: dto.title.trim(),
        category: dto.category,
        status: 'confirmed',
        severity: dto.severity ?? 'SEV3',
        source: 'manual',
        terms: [],
        detection: null,
        createdBy: actor.id,
      });
      if (!created) {
        const open = await this.incidents.openInCategory(tx, dto.category);
        throw DomainError.conflict(
          IncidentErrorCode.AlreadyOpen,
          `Incident ${open?.id ?? ''} is open for ${dto.category}: link complaints to it or merge`,
        );
      }
      await this.audit.append(tx, {
        actor,
        action: 'incident.created',
        entityType: 'incident',
        entityId: created.id,
        after: { title: created.title, category: created.category, severity: created.severity },
      });
      if (dto.complaintIds?.length) await this.linkInTx(tx, actor, created, dto.complaintIds);
      return created;
    });
    return this.view(incident);
  }

  async update(actor: StaffActor, id: string, dto: UpdateIncidentDto): Promise<IncidentView> {
    const result = await this.transactions.run(async (tx) => {
      const incident = await this.incidents.lockById(tx, id);
      if (!incident) throw incidentNotFound();
      const changes: Partial<IncidentEntity> = {};
      if (dto.status && dto.status !== incident.status) {
        if (!canMove(incident.status, dto.status)) {
          throw DomainError.conflict(
            IncidentErrorCode.TransitionNotAllowed,
            `An incident cannot go from ${incident.status} to ${dto.status}`,
          );
        }
        if (dto.status === 'reviewed' && !(await this.incidents.findReview(id, tx))) {
          throw DomainError.conflict(
            IncidentErrorCode.ReviewRequired,
            'Post the review first (POST …/review)',
          );
        }
        changes.status = dto.status;
        if (dto.status === 'resolved') changes.resolvedAt = new Date();
        if (dto.status === 'dismissed' || dto.status === 'reviewed') changes.closedAt = new Date();
      }
      if (dto.severity) changes.severity = dto.severity;
      if (dto.title) changes.title = dto.title.trim();
      if (Object.keys(changes).length === 0) return incident;
      const updated = await this.incidents.update(tx, id, changes);
      await this.audit.append(tx, {
        actor,
        action: changes.status ? `incident.${changes.status}` : 'incident.updated',
        entityType: 'incident',
        entityId: id,
        before: { status: incident.status, severity: incident.severity, title: incident.title },
        after: { status: updated.status, severity: updated.severity, title: updated.title },
      });
      return updated;
    });
    return this.view(result);
  }

  async link(actor: StaffActor, id: string, complaintIds: string[]): Promise<IncidentView> {
    const incident = await this.transactions.run(async (tx) => {
      const found = await this.incidents.lockById(tx, id);
      if (!found) throw incidentNotFound();
      await this.linkInTx(tx, actor, found, complaintIds);
      return found;
    });
    return this.view(incident);
  }

  private async linkInTx(
    tx: Tx,
    actor: Actor,
    incident: IncidentEntity,
    complaintIds: string[],
  ): Promise<void> {
    if (incident.status === 'dismissed') {
      throw DomainError.conflict(
        IncidentErrorCode.Closed,
        'A dismissed incident takes no complaints',
      );
    }
    const moved = await this.complaints.linkIncident(tx, complaintIds, incident.id);
    const missing = complaintIds.length - moved.length;
    if (moved.length === 0 && missing > 0) {
      const known = await Promise.all(complaintIds.map((c) => this.complaints.findById(c, tx)));
      if (known.some((c) => !c)) {
        throw DomainError.invalid(
          IncidentErrorCode.ComplaintNotFound,
          'complaintIds names complaints that do not exist',
        );
      }
    }
    if (moved.length === 0) return;
    await this.audit.append(tx, {
      actor,
      action: 'incident.complaints_linked',
      entityType: 'incident',
      entityId: incident.id,
      after: {
        complaintIds: moved.map((m) => m.id),
        movedFrom: [...new Set(moved.map((m) => m.previous).filter(Boolean))],
      },
    });
    await this.plans.joined(tx, incident.id);
  }

  async unlink(actor: StaffActor, id: string, complaintId: string): Promise<IncidentView> {
    const result = await this.transactions.run(async (tx) => {
      const incident = await this.incidents.lockById(tx, id);
      if (!incident) throw incidentNotFound();
      if (!(await this.complaints.unlinkIncident(tx, complaintId, id))) {
        throw DomainError.notFound(
          IncidentErrorCode.ComplaintNotFound,
          'This complaint is not linked to this incident',
        );
      }
      await this.audit.append(tx, {
        actor,
        action: 'incident.complaint_unlinked',
        entityType: 'incident',
        entityId: id,
        after: { complaintId },
      });
      return incident;
    });
    return this.view(result);
  }

  /**
   * Folds this incident into another: its complaints move there, and it is dismissed, pointing at
   * the other. An incident whose plan was approved has paid people and is not merged away.
   */
  async merge(actor: StaffActor, id: string, intoId: string): Promise<IncidentView> {
    if (id === intoId) {
      throw DomainError.conflict(
        IncidentErrorCode.MergeNotAllowed,
        'An incident cannot be merged into itself',
      );
    }
    const result = await this.transactions.run(async (tx) => {
      // Lock both in id order: two merges of the same pair cannot deadlock.
      const [first, second] = [id, intoId].sort();
      const a = await this.incidents.lockById(tx, first);
      const b = await this.incidents.lockById(tx, second);
      const source = a?.id === id ? a : b;
      const target = a?.id === intoId ? a : b;
      if (!source || !target) throw incidentNotFound();
      if (!isOpenIncident(source.status) || target.status === 'dismissed') {
        throw DomainError.conflict(
          IncidentErrorCode.MergeNotAllowed,
          'Only an open incident merges, and only into one that is not dismissed',
        );
      }
      const plan = await this.incidents.planOf(id, tx);
      if (plan && plan.status !== 'proposed') {
        throw DomainError.conflict(
          IncidentErrorCode.MergeNotAllowed,
          'This incident’s plan has paid users already',
        );
      }
      const moved = await this.complaints.moveIncident(tx, id, intoId);
      await this.incidents.update(tx, id, {
        status: 'dismissed',
        mergedIntoId: intoId,
        closedAt: new Date(),
      });
      await this.audit.append(tx, {
        actor,
        action: 'incident.merged',
        entityType: 'incident',
        entityId: id,
        before: { status: source.status },
        after: { status: 'dismissed', mergedIntoId: intoId, complaintsMoved: moved },
      });
      if (moved > 0) await this.plans.joined(tx, intoId);
      return target;
    });
    return this.view(result);
  }
}
