import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

export const SIGN_IN_LIMIT = Symbol('SIGN_IN_LIMIT');

/**
 * At most `limit` sign-in attempts a minute from one address, on top of the per-account lockout,
 * so that guessing across many usernames is slowed too.
 */
@Injectable()
export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(@Inject(SIGN_IN_LIMIT) private readonly limit: number) {}

  check(address: string): void {
    const now = Date.now();
    const recent = (this.attempts.get(address) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limit) {
      this.attempts.set(address, recent);
      throw new DomainError(
        'RATE_LIMITED',
        { vi: 'Quá nhiều lần đăng nhập, vui lòng thử lại sau một phút', en: 'Too many sign-in attempts; try again in a minute' },
        { retryAfterSeconds: Math.ceil((60_000 - (now - recent[0])) / 1000) },
      );
    }
    recent.push(now);
    this.attempts.set(address, recent);
    if (this.attempts.size > 10_000) this.forgetOld(now);
  }

  private forgetOld(now: number): void {
    for (const [address, times] of this.attempts) {
      if (times.every((t) => now - t >= 60_000)) this.attempts.delete(address);
    }
  }
}
