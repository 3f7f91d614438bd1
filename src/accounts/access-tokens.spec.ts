import { JwtService } from '@nestjs/jwt';
import { TestClock } from '../../test/support/test-clock';
import { Actor } from '../common/actor.decorator';
import { AccessTokens } from './access-tokens';

const OFFICER: Actor = {
  id: 'a1',
  sessionId: 's1',
  username: 'binhlu.officer',
  agencyId: 'g1',
  agencyType: 'COMMUNE_PC',
  roles: ['officer'],
  scope: { level: 'commune', code: '03390' },
};

describe('AccessTokens', () => {
  const clock = new TestClock(new Date('2026-12-03T08:00:00Z'));
  const tokens = new AccessTokens(new JwtService({ secret: 'a-test-secret-of-thirty-two-chars!' }), clock, 15);

  it('reads a token it has verified before until the minute it expires, and refuses it after', () => {
    const token = tokens.issue(OFFICER);
    expect(tokens.read(token)).toEqual(OFFICER);
    clock.advanceHours(14 / 60);
    expect(tokens.read(token)).toEqual(OFFICER);
    clock.advanceHours(1 / 60);
    expect(() => tokens.read(token)).toThrow(expect.objectContaining({ details: { reason: 'expired' } }));
  });

  it('refuses a token whose claims were altered after a genuine one was read', () => {
    const token = tokens.issue(OFFICER);
    tokens.read(token);
    const [header, , signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, rol: ['administrator'] })).toString('base64url')}.${signature}`;
    expect(() => tokens.read(forged)).toThrow(expect.objectContaining({ details: { reason: 'invalid' } }));
  });
});
