import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { areaOf, AgencyDirectory } from '../agencies/agency-directory';
import { AuditTrail } from '../audit/audit-trail';
import { Actor } from '../common/actor.decorator';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { UnitOfWork } from '../common/unit-of-work';
import { Gazetteer } from '../gazetteer/gazetteer.service';
import { Account } from './account.entity';
import { AUTH_SETTINGS, AuthSettings } from './auth.service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts';
import { AccountDto, CreateAccountDto, UpdateAccountDto } from './dto/account.dto';
import { hashPassword } from './passwords';
import { Sessions } from './sessions';

const ACCOUNT = { vi: 'tài khoản', en: 'Account' };

/** Accounts, managed by administrators; the demo ones are seeded into the embedded default only. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    private readonly work: UnitOfWork,
    private readonly directory: AgencyDirectory,
    private readonly sessions: Sessions,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly gazetteer: Gazetteer,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  async list(agencyId?: string): Promise<AccountDto[]> {
    const accounts = await this.work.read((manager) =>
      manager.find(Account, { where: agencyId ? { agencyId } : {}, order: { username: 'ASC' } }),
    );
    return accounts.map(AccountDto.from);
  }

  /** The active accounts of an agency, for a supervisor choosing who does a step. */
  colleagues(agencyId: string): Promise<Array<Pick<Account, 'username' | 'displayName' | 'roles'>>> {
    return this.work.read((manager) =>
      manager.find(Account, { select: { username: true, displayName: true, roles: true }, where: { agencyId, active: true }, order: { username: 'ASC' } }),
    );
  }

  async create(dto: CreateAccountDto, actor: Actor): Promise<AccountDto> {
    const agency = await this.directory.get(dto.agencyId);
    if (!agency) throw DomainError.notFound({ vi: 'cơ quan', en: 'Agency' });
    const scope = dto.scopeLevel ? { level: dto.scopeLevel, code: dto.scopeLevel === 'national' ? null : (dto.scopeCode ?? null) } : areaOf(agency);
    if (scope.level !== 'national' && !scope.code) {
      throw new DomainError('INVALID_INPUT', { vi: 'Thiếu mã địa bàn (scopeCode)', en: 'scopeCode is required for this scope level' }, [
        { field: 'scopeCode', problems: ['required for this scope level'] },
      ]);
    }
    const area = scope.level === 'province' ? { provinceCode: scope.code } : scope.level === 'commune' ? { communeCode: scope.code } : {};
    const unknown = await this.gazetteer.areaProblems(area);
    if (unknown.length > 0) {
      throw new DomainError('INVALID_INPUT', { vi: 'Mã địa bàn (scopeCode) không có trong danh mục', en: 'scopeCode is not in the gazetteer' }, [
        { field: 'scopeCode', problems: unknown.flatMap((p) => p.problems) },
      ]);
    }
    // Whoever creates the account, it sees no further than its agency: an administrator cannot read cases through a scope.
    if (!(await this.directory.holds(agency, scope))) {
      throw new DomainError(
        'INVALID_INPUT',
        { vi: 'Địa bàn của tài khoản phải nằm trong địa bàn của cơ quan', en: 'The account’s scope must lie within its agency’s area' },
        [{ field: 'scopeLevel', problems: [`at most the agency’s area: ${agency.level} ${areaOf(agency).code ?? ''}`.trim()] }],
      );
    }
    const now = this.clock.now();
    const account = Object.assign(new Account(), {
      id: randomUUID(),
      username: dto.username,
      displayName: dto.displayName,
      agencyId: agency.id,
      roles: dto.roles,
      scopeLevel: scope.level,
      scopeCode: scope.code,
      passwordHash: await hashPassword(dto.password),
      demo: false,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await this.work.write(async (manager) => {
      if (await manager.existsBy(Account, { username: dto.username })) {
        throw new DomainError('CONFLICT', { vi: `Tên đăng nhập ${dto.username} đã có`, en: `The username ${dto.username} is taken` });
      }
      await manager.insert(Account, account);
      await this.audit.append(manager, { actor, action: 'account.create', subject: { type: 'account', id: account.id } });
    });
    return AccountDto.from(account);
  }

  async update(id: string, dto: UpdateAccountDto, actor: Actor): Promise<AccountDto> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    const updated = await this.work.write(async (manager) => {
      const account = await manager.findOneBy(Account, { id });
      if (!account) throw DomainError.notFound(ACCOUNT);
      if (dto.displayName !== undefined) account.displayName = dto.displayName;
      if (dto.roles !== undefined) account.roles = dto.roles;
      if (dto.active !== undefined) account.active = dto.active;
      if (passwordHash) Object.assign(account, { passwordHash });
      account.updatedAt = this.clock.now();
      await manager.save(account);
      // Roles live in access tokens: any change to who the person is ends their sessions.
      if (dto.roles !== undefined || dto.active === false || passwordHash) await this.sessions.revokeAll(manager, account.id);
      await this.audit.append(manager, {
        actor,
        action: 'account.update',
        subject: { type: 'account', id },
        detail: { roles: dto.roles !== undefined, active: dto.active ?? null, password: Boolean(passwordHash) },
      });
      return account;
    });
    return AccountDto.from(updated);
  }

  async seedDemo(): Promise<void> {
    if (this.settings.production) throw new Error('Demo accounts are never seeded in production');
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const seeded = await this.work.write(async (manager) => {
      if ((await manager.count(Account)) > 0) return 0;
      const now = this.clock.now();
      for (const demo of DEMO_ACCOUNTS) {
        const agency = await this.directory.get(demo.agencyId);
        if (!agency) continue;
        const scope = areaOf(agency);
        await manager.insert(Account, {
          id: randomUUID(),
          username: demo.username,
          displayName: demo.displayName,
          agencyId: demo.agencyId,
          roles: demo.roles,
          scopeLevel: scope.level,
          scopeCode: scope.code,
          passwordHash,
          demo: true,
          active: true,
          createdAt: now,
          updatedAt: now,
        });
      }
      return DEMO_ACCOUNTS.length;
    });
    if (seeded > 0) this.logger.log(`Seeded ${seeded} demo accounts (password in the README)`);
  }
}
