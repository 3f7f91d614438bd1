import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Agency } from '../agencies/agency.entity';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { AccessTokens } from './access-tokens';
import { Account } from './account.entity';
import { MeDto, SignedInDto, SignInDto } from './dto/auth.dto';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { Sessions } from './sessions';
import { SignInLimiter } from './sign-in-limiter';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface AuthSettings {
  production: boolean;
  refreshTokenDays: number;
  maxFailedAttempts: number;
  lockoutMinutes: number;
}

function actorOf(account: Account, agency: Agency, sessionId: string): Actor {
  return {
    id: account.id,
    username: account.username,
    agencyId: agency.id,
    agencyType: agency.type,
    roles: account.roles,
    scope: { level: account.scopeLevel, code: account.scopeCode },
    sessionId,
  };
}

const INVALID = new DomainError('INVALID_CREDENTIALS', {
  vi: 'Tên đăng nhập hoặc mật khẩu không đúng',
  en: 'Wrong username or password',
});

/** Signing in and out: checks the password, locks after repeated failures, issues and revokes tokens. */
@Injectable()
export class AuthService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly tokens: AccessTokens,
    private readonly sessions: Sessions,
    private readonly limiter: SignInLimiter,
    private readonly directory: AgencyDirectory,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async signIn(dto: SignInDto, address: string): Promise<SignedInDto> {
    this.limiter.check(address);
    const account = await this.work.read((manager) => manager.findOneBy(Account, { username: dto.username }));
    const attempt = { id: account?.id ?? `unknown:${dto.username.slice(0, 40)}`, agencyId: account?.agencyId ?? null };
    if (!account || !account.active) {
      await verifyAgainstDecoy(dto.password);
      await this.audit.record({ actor: attempt, action: 'auth.sign_in', outcome: 'failed', detail: { reason: account ? 'inactive' : 'unknown' } });
      throw INVALID;
    }
    if (account.demo && this.settings.production) {
      await this.audit.record({ actor: attempt, action: 'auth.sign_in', outcome: 'denied', detail: { reason: 'demo_in_production' } });
      throw new DomainError('FORBIDDEN', { vi: 'Tài khoản minh họa không được dùng trong môi trường thật', en: 'Demo accounts are refused in production' });
    }
    const now = this.clock.now();
    if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) {
      await this.audit.record({ actor: attempt, action: 'auth.sign_in', outcome: 'denied', detail: { reason: 'locked' } });
      throw this.locked(account.lockedUntil);
    }
    if (!(await verifyPassword(dto.password, account.passwordHash))) {
      const lockedUntil = await this.work.write((manager) => this.recordFailure(manager, account));
      if (lockedUntil) throw this.locked(lockedUntil);
      throw INVALID;
    }
    const agency = await this.directory.get(account.agencyId);
    if (!agency) {
      await this.audit.record({ actor: attempt, action: 'auth.sign_in', outcome: 'denied', detail: { reason: 'agency_inactive' } });
      throw INVALID;
    }
    return this.work.write(async (manager) => {
      await manager.update(Account, { id: account.id }, { failedAttempts: 0, lockedUntil: null });
      const session = await this.sessions.start(manager, account.id, this.settings.refreshTokenDays);
      const actor = actorOf(account, agency, session.id);
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
      const actor = actorOf(account, agency, rotated.session.id);
      await this.audit.append(manager, { actor, action: 'auth.refresh', subject: { type: 'session', id: rotated.session.id } });
      return { accessToken: this.tokens.issue(actor), expiresIn: this.tokens.lifetimeSeconds, refreshToken: rotated.refreshToken };
    });
    if (!result) {
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

  me(actor: Actor): MeDto {
    const { id, username, agencyId, agencyType, roles, scope } = actor;
    return { id, username, agencyId, agencyType, roles, scope };
  }

  /** Counts a wrong password; the last allowed one locks the account for a while. */
  private async recordFailure(manager: EntityManager, account: Account): Promise<Date | null> {
    const failed = account.failedAttempts + 1;
    const lock = failed >= this.settings.maxFailedAttempts;
    const lockedUntil = lock ? new Date(this.clock.now().getTime() + this.settings.lockoutMinutes * 60_000) : null;
    await manager.update(Account, { id: account.id }, { failedAttempts: lock ? 0 : failed, lockedUntil });
    await this.audit.append(manager, {
      actor: { id: account.id, agencyId: account.agencyId },
      action: 'auth.sign_in',
      outcome: 'failed',
      detail: { reason: 'wrong_password', locked: lock },
    });
    return lockedUntil;
  }

  private locked(until: Date): DomainError {
    return new DomainError(
      'ACCOUNT_LOCKED',
      { vi: 'Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần', en: 'The account is locked after repeated wrong passwords' },
      { lockedUntil: until.toISOString() },
    );
  }
}
