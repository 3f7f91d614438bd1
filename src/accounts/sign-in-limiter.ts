import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

export const SIGN_IN_LIMIT = Symbol('SIGN_IN_LIMIT');

/**
 * At most `limit` failed sign-ins a minute from one address, whatever the usernames, so that
 * spraying guesses across many accounts is slowed too. Successes do not count: a province office
 * behind one address signs its officers in at 8 a.m. without tripping it. Kept in memory because it
 * is checked before anything else, the database included.
 */
@Injectable()
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(SIGN_IN_LIMIT) private readonly limit: number) {}

  check(address: string): void {
    const now = Date.now();
    const recent = this.recent(address, now);
    if (recent.length >= this.limit) {
      throw new DomainError(
        'RATE_LIMITED',
        { vi: 'Quá nhiều lần đăng nhập sai, vui lòng thử lại sau một phút', en: 'Too many failed sign-ins; try again in a minute' },
        { retryAfterSeconds: Math.ceil((60_000 - (now - recent[0])) / 1000) },
      );
    }
  }

  failed(address: string): void {
    const now = Date.now();
    this.failures.set(address, [...this.recent(address, now), now]);
    if (this.failures.size > 10_000) this.forgetOld(now);
  }

  private recent(address: string, now: number): number[] {
    return (this.failures.get(address) ?? []).filter((t) => now - t < 60_000);
  }

  private forgetOld(now: number): void {
    for (const [address, times] of this.failures) {
      if (times.every((t) => now - t >= 60_000)) this.failures.delete(address);
    }
  }
}
