import { Injectable } from '@nestjs/common';
import { type Actor, AuditLog } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import { compilePattern } from '@desk/triage';
import { DataSource } from 'typeorm';
import { ComplaintErrorCode } from './complaint.constants.js';
import type {
  CreateTriageRuleDto,
  TriageRulePage,
  TriageRuleView,
  UpdateTriageRuleDto,
} from './triage-rule.dto.js';
import { TriageRuleEntity } from './triage-rule.entity.js';

function view(rule: TriageRuleEntity): TriageRuleView {
  return {
    id: rule.id,
    name: rule.name,
    category: rule.category,
    priority: rule.priority,
    pattern: rule.pattern,
    isRegex: rule.isRegex,
    weight: rule.weight,
    active: rule.active,
    version: rule.version,
    updatedAt: rule.updatedAt.toISOString(),
  };
}

/** A regex that does not compile would break every triage: refuse it when it is saved. */
function assertCompiles(rule: { pattern: string; isRegex: boolean }): void {
  try {
    compilePattern(rule);
  } catch (error) {
    throw DomainError.invalid(
      CommonErrorCode.ValidationFailed,
      `pattern is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/** Supervisor-editable triage rules; each edit bumps the version and is audited with before and after. */
@Injectable()
export class TriageRules {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
  ) {}

  async list(): Promise<TriageRulePage> {
    const rules = await this.dataSource
      .getRepository(TriageRuleEntity)
      .find({ order: { name: 'ASC', id: 'ASC' } });
    return { items: rules.map(view), total: rules.length };
  }

  create(actor: Actor, dto: CreateTriageRuleDto): Promise<TriageRuleView> {
    if (!dto.category && !dto.priority) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'A rule needs a category, a priority or both',
      );
    }
    assertCompiles({ pattern: dto.pattern, isRegex: dto.isRegex ?? false });
    return this.transactions.run(async (tx) => {
      const repository = tx.getRepository(TriageRuleEntity);
      const saved = await repository.save(
        repository.create({
          ...dto,
          category: dto.category ?? null,
          priority: dto.priority ?? null,
          isRegex: dto.isRegex ?? false,
          active: dto.active ?? true,
        }),
      );
      const after = view(saved);
      await this.audit.append(tx, {
        actor,
        action: 'triage_rule.created',
        entityType: 'triage_rule',
        entityId: saved.id,
        after,
      });
      return after;
    });
  }

  update(actor: Actor, id: string, dto: UpdateTriageRuleDto): Promise<TriageRuleView> {
    if (Object.keys(dto).length === 0)
      throw DomainError.invalid(CommonErrorCode.ValidationFailed, 'Nothing to change');
    return this.transactions.run(async (tx) => {
      const repository = tx.getRepository(TriageRuleEntity);
      const current = await repository.findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current)
        throw DomainError.notFound(
          ComplaintErrorCode.TriageRuleNotFound,
          'No triage rule with this id',
        );
      const next = repository.merge(repository.create({ ...current }), dto, {
        version: current.version + 1,
      });
      if (!next.category && !next.priority) {
        throw DomainError.invalid(
          CommonErrorCode.ValidationFailed,
          'A rule needs a category, a priority or both',
        );
      }
      assertCompiles(next);
      const saved = await repository.save(next);
      const after = view(saved);
      await this.audit.append(tx, {
        actor,
        action: 'triage_rule.updated',
        entityType: 'triage_rule',
        entityId: id,
        before: view(current),
        after,
      });
      return after;
    });
  }
}
