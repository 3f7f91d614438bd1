import { Inject, Injectable } from '@nestjs/common';
import { areaOf, AgencyDirectory } from '../agencies/agency-directory';
import { Agency } from '../agencies/agency.entity';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { AccessTokens } from './access-tokens';
import { Account } from './account.entity';
import { MeDto, SignedInDto, SignInDto, StreamTicketDto } from './dto/auth.dto';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { Sessions } from './sessions';
import { SignInLimiter } from './sign-in-limiter';
import { SignInThrottle } from './sign-in-throttle';
import { StreamTickets } from './stream-tickets';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface AuthSettings {
  production: boolean;
  refreshTokenDays: number;
}

function actorOf(account: Account, agency: Agency, sessionId: string, scope: Actor['scope']): Actor {
  return {
    id: account.id,
    username: account.username,
    agencyId: agency.id,
    agencyType: agency.type,
    roles: account.roles,
    scope,
    sessionId,
  };
}

const INVALID = new DomainError('INVALID_CREDENTIALS', {
  vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
  en: 'Wrong username or password',
});

/** Signing in and out: checks the password, slows guessing (see SignInThrottle), issues and revokes tokens. */
@Injectable()
export class AuthService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
    private readonly limiter: SignInLimiter,
    private readonly throttle: SignInThrottle,
    private readonly tickets: StreamTickets,
    private readonly directory: AgencyDirectory,
    private readonly audit: AuditTrail,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async signIn(dto: SignInDto, address: string): Promise<SignedInDto> {
    this.limiter.check(address);
    const { account, attempt } = await this.work.read(async (manager) => ({
      attempt: await this.throttle.begin(manager, dto.username, address),
      account: await manager.findOneBy(Account, { username: dto.username }),
    }));
    const who = { id: account?.id ?? `unknown:${dto.username.slice(0, 40)}`, agencyId: account?.agencyId ?? null };
    const passwordRight = account ? await verifyPassword(dto.password, account.passwordHash) : await verifyAgainstDecoy(dto.password);
    // An unknown username fails exactly as a wrong password does: same answer, same counting, same time.
    if (!account || !passwordRight) {
      this.limiter.failed(address);
      await this.work.write(async (manager) => {
        const burst = await this.throttle.failed(manager, attempt);
        const reason = account ? 'wrong_password' : 'unknown';
        await this.audit.append(manager, { actor: who, action: 'auth.sign_in', outcome: 'failed', detail: { reason, address, burst } });
      });
      throw INVALID;
    }
    if (!account.active) return this.refuse(who, 'inactive', INVALID);
    if (account.demo && this.settings.production) {
      return this.refuse(
        who,
        'demo_in_production',
        new DomainError('FORBIDDEN', { vi: 'Tài khoản minh họa không được dùng trong môi trường thật', en: 'Demo accounts are refused in production' }),
      );
    }
    const agency = await this.directory.get(account.agencyId);
    if (!agency) return this.refuse(who, 'agency_inactive', INVALID);
    return this.work.write(async (manager) => {
      await this.throttle.succeeded(manager, attempt);
      const session = await this.sessions.start(manager, account.id, this.settings.refreshTokenDays);
      const actor = actorOf(account, agency, session.id, await this.scopeOf(account, agency));
      await this.audit.append(manager, { actor, action: 'auth.sign_in', subject: { type: 'session', id: session.id } });
      return { accessToken: this.tokens.issue(actor), expiresIn: this.tokens.lifetimeSeconds, refreshToken: session.refreshToken };
    });
  }

  async refresh(refreshToken: string, address: string): Promise<SignedInDto> {
    this.limiter.check(address);
    const result = await this.work.write(async (manager) => {
      const rotated = await this.sessions.rotate(manager, refreshToken);
      if (!rotated) return null;
      const account = await manager.findOneBy(Account, { id: rotated.session.accountId });
      const agency = account ? await this.directory.get(account.agencyId) : undefined;
      if (!account || !account.active || !agency) return null;
      const actor = actorOf(account, agency, rotated.session.id, await this.scopeOf(account, agency));
      await this.audit.append(manager, { actor, action: 'auth.refresh', subject: { type: 'session', id: rotated.session.id } });
      return { accessToken: this.tokens.issue(actor), expiresIn: this.tokens.lifetimeSeconds, refreshToken: rotated.refreshToken };
    });
    if (!result) {
      this.limiter.failed(address);
      throw new DomainError('UNAUTHENTICATED', { vi: 'Mã làm mới không hợp lệ hoặc đã dùng', en: 'The refresh token is not valid or was already used' });
    }
    return result;
  }

  async signOut(actor: Actor): Promise<void> {
    await this.work.write(async (manager) => {
      await this.sessions.revoke(manager, actor.sessionId);
      await this.audit.append(manager, { actor, action: 'auth.sign_out', subject: { type: 'session', id: actor.sessionId } });
    });
  }

  streamTicket(actor: Actor): Promise<StreamTicketDto> {
    return this.tickets.issue(actor);
  }

  me(actor: Actor): MeDto {
    const { id, username, agencyId, agencyType, roles, scope } = actor;
    return { id, username, agencyId, agencyType, roles, scope };
  }

  /** The account's scope, or its agency's area should the stored scope reach wider (a row written before scopes were checked). */
  private async scopeOf(account: Account, agency: Agency): Promise<Actor['scope']> {
    const scope = { level: account.scopeLevel, code: account.scopeCode };
    return (await this.directory.holds(agency, scope)) ? scope : areaOf(agency);
  }

  /** A right password that still may not sign in: recorded, and answered like any refusal. */
  private async refuse(who: { id: string; agencyId: string | null }, reason: string, error: DomainError): Promise<never> {
    await this.audit.record({ actor: who, action: 'auth.sign_in', outcome: 'denied', detail: { reason } });
    throw error;
  }
}
