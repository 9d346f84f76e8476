import { Injectable } from '@nestjs/common';
import { CompensationPort, type ComplaintCompensation } from '@desk/complaints';
import { CompensationRepository } from './compensation.repository.js';

/** What complaint views show of compensation (the complaints library's CompensationPort). */
@Injectable()
export class ComplaintCompensations extends CompensationPort {
  constructor(private readonly compensations: CompensationRepository) {
    super();
  }

  async ofComplaint(complaintId: string): Promise<ComplaintCompensation[]> {
    return (await this.compensations.ofComplaint(complaintId)).map((c) => ({
      id: c.id,
      memberDays: Number(c.memberDays),
      qCoins: Number(c.qCoins),
      status: c.status,
      source: c.source,
      createdAt: c.createdAt.toISOString(),
    }));
  }
}
