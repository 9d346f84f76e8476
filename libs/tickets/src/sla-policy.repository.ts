import { Injectable } from '@nestjs/common';
import type { Tx } from '@desk/platform';
import { DataSource } from 'typeorm';
import { SlaPolicyEntity } from './sla-policy.entity.js';
import { DEFAULT_SLA_TARGETS, type Priority, type SlaTargets } from './sla.policy.js';

/** The only place that knows how SLA targets are stored. */
@Injectable()
export class SlaPolicyRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(tx?: Tx): Promise<SlaPolicyEntity[]> {
    return (tx ?? this.dataSource.manager)
      .getRepository(SlaPolicyEntity)
      .find({ order: { priority: 'ASC' } });
  }

  /** Targets for a priority; the built-in default if the row is missing. */
  async targets(tx: Tx, priority: Priority): Promise<SlaTargets> {
    const row = await tx.getRepository(SlaPolicyEntity).findOneBy({ priority });
    return row
      ? { firstResponseSeconds: row.firstResponseSeconds, resolutionSeconds: row.resolutionSeconds }
      : DEFAULT_SLA_TARGETS[priority];
  }

  lockAll(tx: Tx): Promise<SlaPolicyEntity[]> {
    return tx
      .getRepository(SlaPolicyEntity)
      .find({ order: { priority: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  async upsert(
    tx: Tx,
    policy: Pick<
      SlaPolicyEntity,
      'priority' | 'firstResponseSeconds' | 'resolutionSeconds' | 'version'
    >,
  ): Promise<void> {
    await tx.getRepository(SlaPolicyEntity).upsert(policy, ['priority']);
  }
}
