import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

export const ROLES = ['agent', 'supervisor', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'desk:roles';

/** The authenticated staff member, as the auth guard leaves it on the request. */
export interface Principal {
  id: string;
  roles: Role[];
}

/**
 * Who may call a staff route. `admin` holds every power and always passes; list the other roles
 * that may. A staff route without this decorator is refused to everyone but admin (fail closed).
 */
export function Roles(...roles: Exclude<Role, 'admin'>[]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid bearer token (code UNAUTHENTICATED)' }),
    ApiForbiddenResponse({
      description: `Needs one of: admin${roles.length ? ', ' + roles.join(', ') : ''} (code FORBIDDEN)`,
    }),
  );
}

/** Admin-only route (staff management). */
export const AdminOnly = () => Roles();

/** Groups used across domains, so the access table reads the same everywhere. */
export const STAFF_READERS: Exclude<Role, 'admin'>[] = ['agent', 'supervisor', 'finance'];
export const AUDIT_READERS: Exclude<Role, 'admin'>[] = ['supervisor', 'finance'];

export const CurrentStaff = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
    if (!request.principal) throw new Error('CurrentStaff used on a route without authentication');
    return request.principal;
  },
);
