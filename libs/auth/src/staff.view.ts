import type { StaffEntity } from './staff.entity.js';
import type { StaffView } from './staff.dto.js';

/** What the API and the audit trail show of a staff member: never the password hash or token version. */
export function staffView(staff: StaffEntity): StaffView {
  return {
    id: staff.id,
    email: staff.email,
    displayName: staff.displayName,
    roles: staff.roles,
    skills: staff.skills,
    capacity: staff.capacity,
    active: staff.active,
    createdAt: staff.createdAt.toISOString(),
    updatedAt: staff.updatedAt.toISOString(),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
