import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  CommonErrorCode,
  currentContext,
  DomainError,
  IS_PUBLIC,
  type Principal,
  type Role,
  ROLES_KEY,
} from '@desk/platform';
import type { Request } from 'express';
import { AuthErrorCode } from './auth.errors.js';
import { StaffRepository } from './staff.repository.js';
import { TokenService } from './token.service.js';

/**
 * Global guard: every route needs a valid bearer token of an active staff member unless marked
 * @Public(), and a role listed by @Roles() (admin always passes). The staff row is read on every
 * request, so disabling an account or changing roles takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly staff: StaffRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticate(request.header('authorization'));
    request.principal = principal;
    const requestContext = currentContext();
    if (requestContext) requestContext.actorId = principal.id;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (principal.roles.includes('admin') || allowed.some((role) => principal.roles.includes(role)))
      return true;
    throw DomainError.forbidden(
      CommonErrorCode.Forbidden,
      `This needs one of the roles: ${['admin', ...allowed].join(', ')}`,
    );
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header ?? '');
    if (!match)
      throw DomainError.unauthenticated(
        CommonErrorCode.Unauthenticated,
        'A bearer token is required',
      );
    const claims = await this.tokens.read(match[1]);
    const staff = claims ? await this.staff.findById(claims.sub) : null;
    if (!claims || !staff || !staff.active || staff.tokenVersion !== claims.ver) {
      throw DomainError.unauthenticated(
        AuthErrorCode.InvalidToken,
        'The token is invalid, expired or revoked',
      );
    }
    return { id: staff.id, roles: staff.roles };
  }
}
