import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../../workflows/policy';
import { AuthenticatedRequest } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { AccessTokens } from './access-tokens';
import { ALLOWED_ROLES, PUBLIC_ROUTE, TOKEN_IN_QUERY } from './auth.decorators';
import { Sessions } from './sessions';

/**
 * Every route needs a signed-in account unless marked public: a valid access token whose session
 * still stands, and one of the route's roles. Refusals are recorded by the error filter.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.header('authorization') ?? '';
    const fromQuery = this.reflector.getAllAndOverride<boolean>(TOKEN_IN_QUERY, targets) && typeof request.query.access_token === 'string';
    const token = header.startsWith('Bearer ') ? header.slice(7) : fromQuery ? String(request.query.access_token) : '';
    if (!token) {
      throw new DomainError('UNAUTHENTICATED', { vi: 'Cần đăng nhập', en: 'Sign in first (Authorization: Bearer <token>)' });
    }
    const actor = this.tokens.read(token);
    if (!(await this.sessions.isActive(actor.sessionId))) {
      throw new DomainError('UNAUTHENTICATED', { vi: 'Phiên đăng nhập đã kết thúc', en: 'This session has ended; sign in again' }, { reason: 'revoked' });
    }
    request.actor = actor;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.some((role) => actor.roles.includes(role))) {
      throw new DomainError('FORBIDDEN', { vi: 'Tài khoản không có quyền thực hiện thao tác này', en: 'Your account may not do this' }, { allowedRoles: roles });
    }
    return true;
  }
}
