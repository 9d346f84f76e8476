import { Injectable } from '@nestjs/common';
import { ComplaintRepository } from '@desk/complaints';
import type { Page } from '@desk/platform';
import { incidentNotFound } from './incident-actions.use-cases.js';
import { IncidentRepository } from './incident.repository.js';
import type { IncidentDetail, IncidentView, ListIncidentsQuery } from './incidents.dto.js';
import { incidentView, planView, statementView } from './incident.views.js';

/** Read side of incidents for staff. */
@Injectable()
export class IncidentDesk {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
  ) {}

  async list(query: ListIncidentsQuery): Promise<Page<IncidentView>> {
    const { items, total } = await this.incidents.list(query);
    const counts = await this.complaints.incidentCounts(items.map((i) => i.id));
    return {
      items: items.map((i) => incidentView(i, counts.get(i.id))),
      total,
      page: query.page,
      limit: query.limit,
    };
  }

  async get(id: string): Promise<IncidentDetail> {
    const incident = await this.incidents.findById(id);
    if (!incident) throw incidentNotFound();
    const [counts, statements, plan, review] = await Promise.all([
      this.complaints.incidentCounts([id]),
      this.incidents.statements([id], false),
      this.incidents.planOf(id),
      this.incidents.findReview(id),
    ]);
    return {
      ...incidentView(incident, counts.get(id)),
      detection: incident.detection,
      statements: statements.map(statementView),
      plan: plan ? planView(plan, await this.incidents.planProgress(plan.id, id)) : null,
      hasReview: review !== null,
    };
  }
}
