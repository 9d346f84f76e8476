import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { ComplaintRepository } from '@desk/complaints';
import {
  CommonErrorCode,
  DomainError,
  JobName,
  Outbox,
  QueueName,
  Transactions,
} from '@desk/platform';
import { renderTemplate } from '@desk/tickets';
import { incidentNotFound } from './incident-actions.use-cases.js';
import { IncidentRepository } from './incident.repository.js';
import type { StatementDto, StatementView } from './incidents.dto.js';
import { IncidentErrorCode, PUBLIC_STATEMENT_KINDS } from './incidents.constants.js';
import { statementView } from './incident.views.js';
import { compensationInWords, findTemplate } from './statement-templates.js';

/**
 * Publishes a statement: written once, never changed (a trigger refuses it; a correction is a new
 * statement). A public one is on the status page as soon as this returns, and an outbox row asks
 * the worker to post it as a public reply on every linked complaint.
 */
@Injectable()
export class PublishStatementUseCase {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(
    actor: Extract<Actor, { kind: 'staff' }>,
    id: string,
    dto: StatementDto,
  ): Promise<StatementView> {
    const explicit = dto.title !== undefined || dto.body !== undefined;
    if (explicit === (dto.templateKey !== undefined) || (explicit && (!dto.title || !dto.body))) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'Give title and body, or templateKey (with variables)',
      );
    }
    if (explicit && dto.variables) {
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, 'variables go with templateKey');
    }
    const incident = await this.incidents.findById(id);
    if (!incident) throw incidentNotFound();
    let { title, body } = dto;
    if (!explicit) {
      const template = findTemplate(dto.templateKey!, dto.kind, dto.locale);
      if (!template) {
        throw DomainError.invalid(
          IncidentErrorCode.TemplateNotFound,
          `No ${dto.kind} template ${dto.templateKey} in ${dto.locale}`,
        );
      }
      const counts = (await this.complaints.incidentCounts([id])).get(id);
      const plan = await this.incidents.planOf(id);
      const variables = {
        title: incident.title,
        affected: String(counts?.users ?? 0),
        compensation: compensationInWords(
          plan ? { memberDays: Number(plan.memberDays), qCoins: Number(plan.qCoins) } : null,
          dto.locale,
        ),
        ...dto.variables,
      };
      const renderedTitle = renderTemplate(template.title, variables);
      const renderedBody = renderTemplate(template.body, variables);
      const missing = [...new Set([...renderedTitle.missing, ...renderedBody.missing])];
      if (missing.length > 0) {
        throw DomainError.invalid(
          IncidentErrorCode.TemplateVariablesMissing,
          `The template needs: ${missing.join(', ')}`,
          missing.map((m) => `variables.${m} is required by the template`),
        );
      }
      title = renderedTitle.text.slice(0, 200);
      body = renderedBody.text;
    }
    return this.transactions.run(async (tx) => {
      const locked = await this.incidents.lockById(tx, id);
      if (!locked || locked.status === 'dismissed') {
        throw DomainError.conflict(
          IncidentErrorCode.Closed,
          'A dismissed incident takes no statements',
        );
      }
      const statement = await this.incidents.insertStatement(tx, {
        incidentId: id,
        kind: dto.kind,
        locale: dto.locale,
        title: title!,
        body: body!,
        templateKey: dto.templateKey ?? null,
        publishedBy: actor.id,
      });
      if (PUBLIC_STATEMENT_KINDS.includes(dto.kind)) {
        await this.outbox.add(tx, {
          queue: QueueName.Incidents,
          job: JobName.PostStatementReplies,
          payload: { statementId: statement.id },
          jobKey: `statement:${statement.id}`,
        });
      }
      await this.audit.append(tx, {
        actor,
        action: 'incident.statement_published',
        entityType: 'incident',
        entityId: id,
        after: {
          statementId: statement.id,
          kind: dto.kind,
          locale: dto.locale,
          title: statement.title,
        },
      });
      return statementView(statement);
    });
  }
}

/** The worker's half: the statement as a public reply on every linked complaint, once each. */
@Injectable()
export class PostStatementRepliesUseCase {
  constructor(
    private readonly incidents: IncidentRepository,
    private readonly complaints: ComplaintRepository,
    private readonly transactions: Transactions,
  ) {}

  async execute(statementId: string): Promise<number> {
    const statement = await this.incidents.findStatement(statementId);
    if (!statement) return 0;
    return this.transactions.run((tx) =>
      this.complaints.replyToIncident(
        tx,
        statement.incidentId,
        `${statement.title}\n\n${statement.body}`,
        `statement:${statement.id}`,
      ),
    );
  }
}
