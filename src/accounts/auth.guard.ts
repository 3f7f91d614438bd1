import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '../../workflows/policy';
import { Actor, AuthenticatedRequest } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { AccessTokens } from './access-tokens';
import { ALLOWED_ROLES, PUBLIC_ROUTE, STREAM_TICKET } from './auth.decorators';
import { Sessions } from './sessions';
import { StreamTickets } from './stream-tickets';

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
    private readonly tickets: StreamTickets,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const actor = await this.actorOf(request, this.reflector.getAllAndOverride<boolean>(STREAM_TICKET, targets) ?? false);
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

  private async actorOf(request: AuthenticatedRequest, ticketAccepted: boolean): Promise<Actor> {
    const header = request.header('authorization') ?? '';
    if (header.startsWith('Bearer ')) return this.tokens.read(header.slice(7));
    const ticket = request.query.ticket;
    if (ticketAccepted && typeof ticket === 'string' && ticket.length <= 64) {
      const actor = await this.tickets.redeem(ticket);
      if (actor) return actor;
      throw new DomainError('UNAUTHENTICATED', { vi: 'Vé mở luồng không hợp lệ, đã dùng hoặc hết hạn', en: 'The stream ticket is unknown, used or expired' }, { reason: 'ticket' });
    }
    throw new DomainError('UNAUTHENTICATED', { vi: 'Cần đăng nhập', en: 'Sign in first (Authorization: Bearer <token>)' });
  }
}
