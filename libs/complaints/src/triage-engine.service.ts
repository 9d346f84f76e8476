import { Injectable } from '@nestjs/common';
import {
  type CategoryKey,
  type CompiledRule,
  compileRules,
  learn,
  modelFromCorpus,
  features,
  triage,
  type TriageModel,
  type TriageResult,
} from '@desk/triage';
import { DataSource } from 'typeorm';
import { TriageExampleEntity } from './triage-example.entity.js';
import { TriageRuleEntity } from './triage-rule.entity.js';

/** An agent's correction outweighs a corpus line: one correction should move similar texts. */
const CORRECTION_WEIGHT = 5;

/**
 * Runs the pure triage engine with this desk's state: the classifier trained on the shipped corpus
 * plus every correction agents made, and the active rules. Each call picks up corrections and rule
 * edits made since the last one (also by other processes), so a preview right after a correction
 * already reflects it.
 */
@Injectable()
export class TriageEngine {
  private model?: TriageModel;
  private lastExampleId = 0n;
  /** Corrected texts verbatim: the same text again gets the corrected verdict outright. */
  private readonly corrections = new Map<string, { category: CategoryKey; priority: string }>();
  private rules: { stamp: string; compiled: CompiledRule[] } = { stamp: '', compiled: [] };

  constructor(private readonly dataSource: DataSource) {}

  async decide(text: string): Promise<TriageResult> {
    const [model, rules] = await Promise.all([this.currentModel(), this.currentRules()]);
    const result = triage(text, { model, rules });
    const corrected = this.corrections.get(normalise(text));
    if (!corrected) return result;
    return {
      ...result,
      category: corrected.category,
      priority: corrected.priority as TriageResult['priority'],
      confidence: 1,
      needsReview: false,
      explanation: { ...result.explanation, priorityReason: 'an agent corrected this text before' },
    };
  }

  private async currentModel(): Promise<TriageModel> {
    this.model ??= modelFromCorpus();
    const fresh = await this.dataSource
      .getRepository(TriageExampleEntity)
      .createQueryBuilder('e')
      .where('e.id > :after', { after: this.lastExampleId.toString() })
      .orderBy('e.id', 'ASC')
      .getMany();
    if (fresh.length > 0) {
      // One refit (a fraction of a second) for all corrections made since the last call.
      learn(
        this.model,
        fresh.map((e) => ({
          tokens: features(e.text),
          category: e.category as CategoryKey,
          weight: CORRECTION_WEIGHT,
        })),
      );
      for (const e of fresh)
        this.corrections.set(normalise(e.text), {
          category: e.category as CategoryKey,
          priority: e.priority,
        });
      this.lastExampleId = BigInt(fresh[fresh.length - 1].id);
    }
    return this.model;
  }

  private async currentRules(): Promise<CompiledRule[]> {
    const [{ stamp }] = (await this.dataSource.query(
      `SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(sum(version), 0) AS stamp
       FROM triage_rules WHERE active`,
    )) as { stamp: string }[];
    if (stamp !== this.rules.stamp) {
      const rows = await this.dataSource
        .getRepository(TriageRuleEntity)
        .find({ where: { active: true }, order: { name: 'ASC' } });
      this.rules = {
        stamp,
        compiled: compileRules(
          rows.map((r) => ({
            id: r.id,
            name: r.name,
            category: r.category as CompiledRule['category'],
            priority: r.priority as CompiledRule['priority'],
            pattern: r.pattern,
            isRegex: r.isRegex,
            weight: r.weight,
            version: r.version,
          })),
        ),
      };
    }
    return this.rules.compiled;
  }
}

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The text triage reads: title and description together. */
export function triageText(title: string | null | undefined, description: string): string {
  return title ? `${title}\n${description}` : description;
}
