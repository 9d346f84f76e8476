import { Injectable } from '@nestjs/common';
import { AuditLog, type Actor } from '@desk/audit';
import { DomainError, Transactions } from '@desk/platform';
import { AuthErrorCode } from './auth.errors.js';
import { PasswordHasher } from './password-hasher.js';
import type { CreateStaffDto, StaffView } from './staff.dto.js';
import { StaffRepository } from './staff.repository.js';
import { normaliseEmail, staffView } from './staff.view.js';

export const DEFAULT_CAPACITY = 20;

@Injectable()
export class CreateStaffUseCase {
  constructor(
    private readonly staff: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  async execute(actor: Actor, dto: CreateStaffDto): Promise<StaffView> {
    // Hashing is slow by design; do it before the transaction so no locks are held meanwhile.
    const passwordHash = await this.hasher.hash(dto.password);
    return this.transactions.run(async (tx) => {
      const created = await this.staff.insertIfAbsent(tx, {
        email: normaliseEmail(dto.email),
        passwordHash,
        displayName: dto.displayName.trim(),
        roles: dto.roles,
        skills: dto.skills,
        capacity: dto.capacity ?? DEFAULT_CAPACITY,
      });
      if (!created)
        throw DomainError.conflict(
          AuthErrorCode.StaffEmailTaken,
          'A staff account with this e-mail exists',
        );
      const view = staffView(created);
      await this.audit.append(tx, {
        actor,
        action: 'staff.created',
        entityType: 'staff',
        entityId: created.id,
        after: view,
      });
      return view;
    });
  }
}
