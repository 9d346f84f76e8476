import { Injectable } from '@nestjs/common';
import { AuditLog, type Actor } from '@desk/audit';
import { CommonErrorCode, DomainError, Transactions } from '@desk/platform';
import { AuthErrorCode } from './auth.errors.js';
import type { StaffView, UpdateStaffDto } from './staff.dto.js';
import type { StaffEntity } from './staff.entity.js';
import { type StaffChanges, StaffRepository } from './staff.repository.js';
import { staffView } from './staff.view.js';

const isActiveAdmin = (s: Pick<StaffEntity, 'active' | 'roles'>) =>
  s.active && s.roles.includes('admin');

@Injectable()
export class UpdateStaffUseCase {
  constructor(
    private readonly staff: StaffRepository,
    private readonly audit: AuditLog,
    private readonly transactions: Transactions,
  ) {}

  execute(actor: Actor, id: string, dto: UpdateStaffDto): Promise<StaffView> {
    const changes: StaffChanges = {};
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.roles !== undefined) changes.roles = dto.roles;
    if (dto.skills !== undefined) changes.skills = dto.skills;
    if (dto.capacity !== undefined) changes.capacity = dto.capacity;
    if (dto.displayName !== undefined) changes.displayName = dto.displayName.trim();
    if (Object.keys(changes).length === 0) {
      throw DomainError.invalid(
        CommonErrorCode.ValidationFailed,
        'Nothing to change: give active, roles, skills, capacity or displayName',
      );
    }
    return this.transactions.run(async (tx) => {
      const current = await this.staff.lockById(tx, id);
      if (!current)
        throw DomainError.notFound(AuthErrorCode.StaffNotFound, 'No staff member with this id');
      const next = {
        active: changes.active ?? current.active,
        roles: changes.roles ?? current.roles,
      };
      if (isActiveAdmin(current) && !isActiveAdmin(next)) {
        await this.staff.lockAdminSet(tx);
        if ((await this.staff.countActiveAdminsOtherThan(tx, id)) === 0) {
          throw DomainError.conflict(
            AuthErrorCode.LastAdmin,
            'This is the last active admin; appoint another first',
          );
        }
      }
      // Disabling revokes every token issued so far, also for a later re-activation.
      if (current.active && changes.active === false)
        changes.tokenVersion = current.tokenVersion + 1;
      const before = staffView(current);
      const updated = await this.staff.update(tx, id, changes);
      const after = staffView(updated);
      await this.audit.append(tx, {
        actor,
        action: 'staff.updated',
        entityType: 'staff',
        entityId: id,
        before,
        after,
      });
      return after;
    });
  }
}
