import { JwtService } from '@nestjs/jwt';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AUTH_SETTINGS } from '../src/accounts/auth.service';
import { SIGN_IN_LIMIT } from '../src/accounts/sign-in-limiter';
import { validateEnvironment } from '../src/config/environment';
import { DemoSeeder } from '../src/demo/demo-seeder';
import { Api } from './support/api';
import { AGENCY, Desk } from './support/demo';
import { eventually, jsonValue, onSqlite, outsideQuery, startApp, TestApp } from './support/test-app';
import { TestClock } from './support/test-clock';

/** What a signed-in person's access token says, read as anyone holding it could. */
const claimsOf = (api: Api) => JSON.parse(Buffer.from(api.accessToken!.split('.')[1], 'base64url').toString());

describe('Signing in and out', () => {
  let testApp: TestApp | undefined;
  const clock = new TestClock(new Date('2026-03-02T01:00:00Z'));

  afterEach(async () => {
    await testApp?.close();
    testApp = undefined;
  });

  /** A person who does not sign in again by themselves when a token stops working. */
  const person = (username: string, password?: string) => new Api(testApp!.url, username, password, false);

  /** Someone at a given address (the test client is a trusted local proxy, see TRUST_PROXY). */
  const at = (address: string, username: string, password?: string) => {
    const api = person(username, password);
    api.headers = { 'x-forwarded-for': address };
    return api;
  };

  it('signs in with the right password only, and answers an unknown username exactly like a wrong password', async () => {
    testApp = await startApp(clock);
    const right = await person('binhlu.police').signIn();
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ expiresIn: 900, accessToken: expect.any(String), refreshToken: expect.any(String) });

    const wrong = await person('binhlu.police', 'not-the-password').signIn();
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const unknown = await person('nobody.here', 'not-the-password').signIn();
    expect(unknown).toEqual(wrong);
    const [{ n }] = await testApp.query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'auth.sign_in' AND outcome = 'failed'`);
    expect(Number(n)).toBe(2);
  });

  it('slows a stranger guessing from one address and never stops the real user at another', async () => {
    testApp = await startApp(clock);
    const stranger = (username = 'binhlu.police') => at('203.0.113.9', username, 'wrong-password-x');
    for (let i = 0; i < 4; i++) expect((await stranger().signIn()).body.code).toBe('INVALID_CREDENTIALS');
    const waiting = await stranger().signIn();
    expect(waiting.status).toBe(429);
    expect(waiting.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    // Not even the right password gets in from the guessing address while it waits.
    expect((await at('203.0.113.9', 'binhlu.police').signIn()).status).toBe(429);

    // The real user, at the commune office, is not touched by any of it.
    expect((await at('198.51.100.7', 'binhlu.police').signIn()).status).toBe(200);

    // An unknown username is slowed the same way, so waiting tells nothing about which accounts exist.
    for (let i = 0; i < 4; i++) expect((await stranger('nobody.here').signIn()).status).toBe(401);
    expect((await stranger('nobody.here').signIn()).status).toBe(429);

    // Each further failure doubles the wait: after the 5th failure, 2 seconds; after the 6th, 4.
    clock.advanceHours(1 / 3600);
    expect((await stranger().signIn()).status).toBe(401);
    const longer = await stranger().signIn();
    expect(longer.body.details.retryAfterSeconds).toBe(2);
    const raw = await fetch(`${testApp.url}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: 'binhlu.police', password: 'wrong-password-x' }),
    });
    expect(raw.headers.get('retry-after')).toBe('2');
  });

  it('tells the administrators when someone keeps guessing, without the address or any password', async () => {
    testApp = await startApp(clock);
    for (let i = 0; i < 10; i++) {
      expect((await at('203.0.113.10', 'binhlu.police', `guess-number-${i}`).signIn()).status).toBe(401);
      clock.advanceHours(0.25); // the waits stay at most 15 minutes
    }
    const mails = await testApp.query(`SELECT recipients, subject, body FROM outbox_messages WHERE kind = 'sign_in_burst'`);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('binhlu.police');
    expect(jsonValue(mails[0].recipients).length).toBeGreaterThan(0);
    expect(mails[0].body).not.toMatch(/203\.0\.113|guess-number/);
  });

  it('caps guessing on one account from many addresses at 100 an hour, and still lets the person in from where they work', async () => {
    testApp = await startApp(clock);
    expect((await at('198.51.100.20', 'binhlu.chair').signIn()).status).toBe(200);
    for (let address = 0; address < 25; address++) {
      const guesses = await Promise.all(Array.from({ length: 4 }, (_, i) => at(`203.0.113.${100 + address}`, 'binhlu.chair', `guess-${i}`).signIn()));
      expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401]);
    }
    expect((await at('203.0.113.200', 'binhlu.chair').signIn()).status).toBe(429);
    expect((await at('198.51.100.20', 'binhlu.chair').signIn()).status).toBe(200);
    clock.advanceHours(1.01);
    expect((await at('203.0.113.200', 'binhlu.chair').signIn()).status).toBe(200);
  }, 60_000);

  it('counts every one of ten concurrent wrong passwords', async () => {
    testApp = await startApp(clock);
    const answers = await Promise.all(Array.from({ length: 10 }, () => at('203.0.113.11', 'binhlu.officer', 'wrong-password-y').signIn()));
    const refused = answers.filter((a) => a.status === 401).length;
    expect(refused + answers.filter((a) => a.status === 429).length).toBe(10);
    const [record] = await testApp.query(`SELECT failures FROM sign_in_records WHERE username = 'binhlu.officer' AND address = '203.0.113.11'`);
    expect(record.failures).toBe(refused);
    expect(refused).toBeGreaterThanOrEqual(4);
  });

  it('refuses an expired access token, refreshes it once, and notices a refresh token used twice', async () => {
    testApp = await startApp(clock);
    const officer = person('binhlu.officer');
    await officer.signIn();
    expect((await officer.get('/auth/me')).body).toMatchObject({ username: 'binhlu.officer', roles: ['officer'], scope: { level: 'commune', code: '03390' } });

    clock.advanceHours(0.3);
    const expired = await officer.get('/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.details.reason).toBe('expired');

    const firstRefresh = officer.refreshToken;
    const refreshed = await new Api(testApp.url).post('/auth/refresh', { refreshToken: firstRefresh });
    expect(refreshed.status).toBe(200);
    const renewed = await fetch(`${testApp.url}/auth/me`, { headers: { authorization: `Bearer ${refreshed.body.accessToken}` } });
    expect(renewed.status).toBe(200);

    // The first refresh token again: someone holds a copy, so the whole session ends.
    expect((await new Api(testApp.url).post('/auth/refresh', { refreshToken: firstRefresh })).status).toBe(401);
    const afterReuse = await fetch(`${testApp.url}/auth/me`, { headers: { authorization: `Bearer ${refreshed.body.accessToken}` } });
    expect(afterReuse.status).toBe(401);
    expect((await new Api(testApp.url).post('/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('really revokes on sign-out: the access token and the refresh token stop working at once', async () => {
    testApp = await startApp(clock);
    const officer = person('binhlu.officer');
    await officer.signIn();
    expect((await officer.post('/auth/sign-out')).status).toBe(204);
    const after = await officer.get('/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.details.reason).toBe('revoked');
    expect((await new Api(testApp.url).post('/auth/refresh', { refreshToken: officer.refreshToken })).status).toBe(401);
  });

  it('stops a session revoked from outside the service within a few seconds', async () => {
    testApp = await startApp(clock);
    const officer = person('binhlu.officer');
    await officer.signIn();
    expect((await officer.get('/auth/me')).status).toBe(200);
    const sessionId = claimsOf(officer).sid;
    // As an operator ending a session by hand, say after a stolen phone is reported.
    await outsideQuery(testApp, 'UPDATE sessions SET revoked_at = created_at WHERE id = ?', [sessionId]);
    const me = () => officer.get('/auth/me');
    // On SQLite once the service asks the file, on PostgreSQL once the database's wake-up arrives.
    const after = await eventually(me, (answer) => answer.status === 401, 4000);
    expect(after.status).toBe(401);
    expect(after.body.details.reason).toBe('revoked');
  });

  it('refuses a forged or missing token', async () => {
    testApp = await startApp(clock);
    const officer = person('binhlu.officer');
    await officer.signIn();
    const [header, payload, signature] = officer.accessToken!.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, rol: ['administrator'] })).toString('base64url')}.${signature}`;
    expect((await fetch(`${testApp.url}/accounts`, { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
    expect((await fetch(`${testApp.url}/auth/me`)).status).toBe(401);
    // A token in the URL is taken for the alert stream only.
    expect((await fetch(`${testApp.url}/auth/me?access_token=${officer.accessToken}`)).status).toBe(401);
  });

  it('limits failed sign-ins from one address across usernames, and never successful ones', async () => {
    testApp = await startApp(clock, (builder) => builder.overrideProvider(SIGN_IN_LIMIT).useValue(3));
    for (let i = 0; i < 5; i++) expect((await at('192.0.2.1', 'binhlu.officer').signIn()).status).toBe(200);
    for (const username of ['binhlu.chair', 'binhlu.school', 'binhlu.health']) {
      expect((await at('192.0.2.2', username, 'wrong-password-z').signIn()).status).toBe(401);
    }
    const limited = await at('192.0.2.2', 'doanket.officer').signIn();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect((await at('192.0.2.1', 'binhlu.officer').signIn()).status).toBe(200);
  });

  // With PostgreSQL every instance is given AUTH_SECRET: there is no file to keep one in.
  onSqlite('outside production, signs tokens with a random secret kept beside the database, never with a published one', async () => {
    testApp = await startApp(clock);
    const officer = person('binhlu.officer');
    await officer.signIn();
    const file = join(dirname(process.env.DATABASE_PATH!), 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);

    const claims = claimsOf(officer);
    const minted = (key: string) => new JwtService({ secret: key }).sign({ ...claims, rol: ['administrator'] });
    const withConstant = await fetch(`${testApp.url}/accounts`, { headers: { authorization: `Bearer ${minted('development-only-secret-never-used-in-production')}` } });
    expect(withConstant.status).toBe(401);
    // The same secret is read again after a restart: the person stays signed in.
    await testApp.close();
    testApp = await startApp(clock);
    const again = await fetch(`${testApp.url}/auth/me`, { headers: { authorization: `Bearer ${officer.accessToken}` } });
    expect(again.status).toBe(200);
    expect(readFileSync(file, 'utf8')).toBe(secret);
  });

  it('refuses demo accounts in production, and production refuses to seed them', async () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true', AUTH_SECRET: 'x'.repeat(40) })).toThrow(
      /SEED_DEMO_DATA: demo agencies and accounts are refused in production/,
    );
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: required in production/);
    expect(validateEnvironment({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }).SEED_DEMO_DATA).toBe(false);

    testApp = await startApp(clock);
    await testApp.close();
    testApp = await startApp(clock, (builder) =>
      builder
        .overrideProvider(AUTH_SETTINGS)
        .useValue({ production: true, refreshTokenDays: 7 })
        .overrideProvider(DemoSeeder)
        .useValue({ onApplicationBootstrap: async () => undefined }),
    );
    const refused = await person('binhlu.officer').signIn();
    expect(refused.status).toBe(403);
    expect(refused.body.message.en).toBe('Demo accounts are refused in production');
  });

  it('lets an administrator create accounts with a strong enough password, and end them', async () => {
    testApp = await startApp(clock);
    const admin = new Desk(testApp.url).as('admin');
    const short = await admin.post('/accounts', {
      username: 'binhlu.newofficer', displayName: 'New officer', agencyId: AGENCY.communeA, roles: ['officer'], password: 'short-pass',
    });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('password');

    const created = await admin.post('/accounts', {
      username: 'binhlu.newofficer', displayName: 'New officer', agencyId: AGENCY.communeA, roles: ['officer'], password: 'a-long-enough-password',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: { level: 'commune', code: '03390' }, demo: false });
    expect(JSON.stringify(created.body)).not.toContain('password');
    const again = await admin.post('/accounts', {
      username: 'binhlu.newofficer', displayName: 'Twin', agencyId: AGENCY.communeA, roles: ['officer'], password: 'a-long-enough-password',
    });
    expect(again.status).toBe(409);

    const newcomer = person('binhlu.newofficer', 'a-long-enough-password');
    expect((await newcomer.signIn()).status).toBe(200);
    expect((await newcomer.get(`/agencies/${AGENCY.communeA}/inbox`)).status).toBe(200);
    expect((await admin.patch(`/accounts/${created.body.id}`, { active: false })).body.active).toBe(false);
    expect((await newcomer.get(`/agencies/${AGENCY.communeA}/inbox`)).status).toBe(401);
    expect((await newcomer.signIn()).status).toBe(401);
    const [row] = await testApp.query('SELECT password_hash FROM accounts WHERE id = ?', [created.body.id]);
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
  });
});
