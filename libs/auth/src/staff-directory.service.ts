import { Injectable } from '@nestjs/common';
import { DomainError, type Page } from '@desk/platform';
import { AuthErrorCode } from './auth.errors.js';
import type { ListStaffQuery, StaffView } from './staff.dto.js';
import { StaffRepository } from './staff.repository.js';
import { staffView } from './staff.view.js';

/** Read side of staff management. */
@Injectable()
export class StaffDirectory {
  constructor(private readonly staff: StaffRepository) {}

  async list(query: ListStaffQuery): Promise<Page<StaffView>> {
    const { items, total } = await this.staff.list(query);
    return { items: items.map(staffView), total, page: query.page, limit: query.limit };
  }

  async get(id: string): Promise<StaffView> {
    const staff = await this.staff.findById(id);
    if (!staff)
      throw DomainError.notFound(AuthErrorCode.StaffNotFound, 'No staff member with this id');
    return staffView(staff);
  }
}
