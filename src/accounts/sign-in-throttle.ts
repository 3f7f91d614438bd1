import { Injectable } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { AgencyDirectory } from '../agencies/agency-directory';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { updateRows, upsertRow } from '../database/writes';
import { signInBurst } from '../mail/mail-templates';
import { Outbox } from '../mail/outbox';
import { Account } from './account.entity';
import { SignInRecord } from './sign-in-record.entity';

/**
 * Our policy for guessing, after OWASP ASVS 4.0.3 V2.2.1 (soft lockouts, growing delays, at most
 * 100 failed attempts an hour on one account): nothing here is the law's.
 */
export const SIGN_IN_POLICY = {
  /** Wrong passwords from one address before the first wait. */
  freeFailures: 3,
  /** The first wait; each further failure doubles it, up to `longestWait`. */
  firstWaitSeconds: 1,
  longestWaitSeconds: 15 * 60,
  /** A day without failures from an address wipes its count. */
  forgetAfterHours: 24,
  /** Failures from all addresses on one username in an hour; past it only addresses the person used lately get in. */
  accountFailuresPerHour: 100,
  knownAddressDays: 30,
  /** Wrong passwords from one address that tell the administrators someone is guessing. */
  burstFromOneAddress: 10,
} as const;

const HOUR = 3_600_000;

/** One sign-in attempt as the throttle saw it before the password was checked. */
export interface SignInAttempt {
  username: string;
  address: string;
  at: Date;
  /** Failures from this address that still count. */
  failures: number;
  /** Failures on this username from every address in the last hour. */
  recentOnAccount: number;
  /** The address has an old count that no longer counts and must start again. */
  stale: boolean;
}

/**
 * Slows guessing without handing strangers an off switch: failures are counted per username and
 * address, so five wrong passwords from an attacker's address make that address wait and leave the
 * real user's alone. Waits grow with each failure and are answered before any password is hashed.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly directory: AgencyDirectory,
  ) {}

  /** Reads the counts for an attempt; refuses it (429, with how long to wait) while its address must wait. */
  async begin(manager: EntityManager, username: string, address: string): Promise<SignInAttempt> {
    const at = this.clock.now();
    const record = await manager.findOneBy(SignInRecord, { username, address });
    const stale = !!record?.lastFailedAt && at.getTime() - record.lastFailedAt.getTime() >= SIGN_IN_POLICY.forgetAfterHours * HOUR;
    const failures = record && !stale ? record.failures : 0;
    const recentOnAccount = Number(
      (await manager.sum(SignInRecord, 'failures', { username, lastFailedAt: MoreThan(new Date(at.getTime() - HOUR)) })) ?? 0,
    );
    const attempt = { username, address, at, failures, recentOnAccount, stale };
    if (failures > SIGN_IN_POLICY.freeFailures && record?.lastFailedAt) {
      const retryAt = record.lastFailedAt.getTime() + waitSeconds(failures) * 1000;
      if (retryAt > at.getTime()) throw tooSoon(retryAt - at.getTime());
    }
    const known = record?.lastSucceededAt && at.getTime() - record.lastSucceededAt.getTime() < SIGN_IN_POLICY.knownAddressDays * 24 * HOUR;
    if (!known && recentOnAccount >= SIGN_IN_POLICY.accountFailuresPerHour) throw tooSoon(SIGN_IN_POLICY.longestWaitSeconds * 1000);
    return attempt;
  }

  /** Counts a wrong password in the database itself, so that concurrent failures are all counted. Answers whether it is a burst. */
  async failed(manager: EntityManager, attempt: SignInAttempt): Promise<boolean> {
    const where = { username: attempt.username, address: attempt.address };
    const row = Object.assign(new SignInRecord(), { ...where, failures: 1, lastFailedAt: attempt.at, lastSucceededAt: null });
    await upsertRow(manager, SignInRecord, row, { key: ['username', 'address'], set: ['lastFailedAt'], increment: ['failures'] });
    if (attempt.stale) {
      // The count was older than a day: this failure starts it again.
      await updateRows(manager, SignInRecord, { set: { failures: 1 }, where });
    }
    const burst =
      attempt.failures + 1 >= SIGN_IN_POLICY.burstFromOneAddress || attempt.recentOnAccount + 1 >= SIGN_IN_POLICY.accountFailuresPerHour;
    if (burst) await this.tellAdministrators(manager, attempt);
    return burst;
  }

  /** Clears the address's count and remembers it as one the person uses. */
  async succeeded(manager: EntityManager, attempt: SignInAttempt): Promise<void> {
    const row = Object.assign(new SignInRecord(), { username: attempt.username, address: attempt.address, failures: 0, lastFailedAt: null, lastSucceededAt: attempt.at });
    await upsertRow(manager, SignInRecord, row, { key: ['username', 'address'], set: ['failures', 'lastSucceededAt'] });
  }

  /** One e-mail an hour per username to the agencies of every administrator; the address stays in the audit trail. */
  private async tellAdministrators(manager: EntityManager, attempt: SignInAttempt): Promise<void> {
    const administrators = (await manager.find(Account, { where: { active: true }, select: { roles: true, agencyId: true } })).filter((a) =>
      a.roles.includes('administrator'),
    );
    const agencies = await Promise.all([...new Set(administrators.map((a) => a.agencyId))].map((id) => this.directory.get(id)));
    const recipients = agencies.flatMap((agency) => (agency?.email ? [agency.email] : []));
    const hour = attempt.at.toISOString().slice(0, 13);
    await this.outbox.add(manager, [
      {
        id: `sign-in-burst:${attempt.username}:${hour}`,
        kind: 'sign_in_burst',
        recipients,
        content: signInBurst({ username: attempt.username, failures: attempt.recentOnAccount + 1, at: attempt.at }),
      },
    ]);
  }
}

/** The wait after `failures` wrong passwords from one address: 1 s after the fourth, doubling, at most 15 minutes. */
export function waitSeconds(failures: number): number {
  if (failures <= SIGN_IN_POLICY.freeFailures) return 0;
  const doublings = Math.min(failures - SIGN_IN_POLICY.freeFailures - 1, 30);
  return Math.min(SIGN_IN_POLICY.firstWaitSeconds * 2 ** doublings, SIGN_IN_POLICY.longestWaitSeconds);
}

function tooSoon(milliseconds: number): DomainError {
  const seconds = Math.max(1, Math.ceil(milliseconds / 1000));
  return new DomainError(
    'RATE_LIMITED',
    { vi: `Nhập sai nhiều lần, vui lòng thử lại sau ${seconds} giây`, en: `Too many wrong passwords; try again in ${seconds} seconds` },
    { retryAfterSeconds: seconds },
  );
}
