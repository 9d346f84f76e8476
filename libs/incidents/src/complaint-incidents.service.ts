import { Injectable } from '@nestjs/common';
import {
  type ComplaintEntity,
  ComplaintRepository,
  IncidentPort,
  type PublicIncident,
} from '@desk/complaints';
import type { Tx } from '@desk/platform';
import { IncidentRepository } from './incident.repository.js';
import { type IncidentStatus, STATUS_PAGE_DAYS } from './incidents.constants.js';
import { PlanRunner } from './plan-runner.service.js';

const publicStatement = (s: {
  kind: string;
  locale: string;
  title: string;
  body: string;
  publishedAt: Date;
}) => ({
  kind: s.kind,
  locale: s.locale,
  title: s.title,
  body: s.body,
  publishedAt: s.publishedAt.toISOString(),
});

/** Complaints reach incidents through here (it is the complaints library's IncidentPort). */
@Injectable()
export class ComplaintIncidents extends IncidentPort {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly plans: PlanRunner,
  ) {
    super();
  }

  /** Told after each triage: the spike detector (in the worker) looks again shortly. */
  private readonly triageListeners: (() => void)[] = [];

  whenTriaged(listener: () => void): void {
    this.triageListeners.push(listener);
  }

  /** While an incident of their kind is open, triaged complaints join it (and its plan). */
  async complaintsTriaged(tx: Tx, complaints: readonly ComplaintEntity[]): Promise<void> {
    for (const listener of this.triageListeners) listener();
    const byCategory = new Map<string, string[]>();
    for (const c of complaints) {
      if (!c.category || c.incidentId) continue;
      byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c.id]);
    }
    for (const [category, ids] of byCategory) {
      const open = await this.incidents.openInCategory(tx, category);
      if (!open) continue;
      await this.complaints.linkIncident(tx, ids, open.id);
      await this.plans.joined(tx, open.id);
    }
  }

  async forTracking(complaint: ComplaintEntity) {
    if (!complaint.incidentId) return { incident: null, compensations: [] };
    const incident = await this.incidents.findById(complaint.incidentId);
    if (!incident || incident.status === 'dismissed') return { incident: null, compensations: [] };
    const [statements, plan] = await Promise.all([
      this.incidents.statements([incident.id], true),
      this.incidents.planOf(incident.id),
    ]);
    const grant = plan ? await this.incidents.grantOf(plan.id, complaint.platformUserId) : null;
    return {
      incident: { title: incident.title, statements: statements.map(publicStatement) },
      compensations:
        plan && grant?.status === 'granted'
          ? [
              {
                memberDays: Number(plan.memberDays),
                qCoins: Number(plan.qCoins),
                status: 'fulfilled',
              },
            ]
          : [],
    };
  }

  async publicIncidents(): Promise<PublicIncident[]> {
    const incidents = (await this.incidents.forStatusPage(STATUS_PAGE_DAYS)).filter(
      (i) => (i.status as IncidentStatus) !== 'dismissed',
    );
    const statements = await this.incidents.statements(
      incidents.map((i) => i.id),
      true,
    );
    return incidents.map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      severity: i.severity,
      statements: statements.filter((s) => s.incidentId === i.id).map(publicStatement),
    }));
  }
}
