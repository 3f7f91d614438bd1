import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Api } from './support/api';
import { startApp, TestApp } from './support/test-app';

const run = promisify(execFile);

describe('The first administrator of a production database', () => {
  let testApp: TestApp | undefined;

  afterAll(() => testApp?.close());

  it('is created from the command line, with its lead agency, and then signs in', async () => {
    const { stdout } = await run(
      'node',
      ['-r', 'ts-node/register/transpile-only', 'scripts/create-administrator.ts', 'province.admin', '12', 'Sở Y tế tỉnh Lai Châu', 'Lai Châu health department'],
      {
        cwd: `${__dirname}/..`,
        env: { ...process.env, NODE_ENV: 'production', AUTH_SECRET: 'a'.repeat(40), SEED_DEMO_DATA: '', ADMIN_PASSWORD: 'a-long-admin-password' },
      },
    );
    const created = JSON.parse(stdout);

    // The same database, now served: no demo data was seeded into it.
    testApp = await startApp();
    const admin = new Api(testApp.url, 'province.admin', 'a-long-admin-password');
    const accounts = await admin.get('/accounts');
    expect(accounts.status).toBe(200);
    expect(accounts.body).toEqual([expect.objectContaining({ id: created.accountId, username: 'province.admin', roles: ['administrator'], demo: false })]);
    const agencies = await admin.get('/agencies');
    expect(agencies.body.items).toEqual([expect.objectContaining({ id: created.agencyId, type: 'LABOUR_SOCIAL', level: 'province', provinceCode: '12' })]);

    const refused = await run('node', ['-r', 'ts-node/register/transpile-only', 'scripts/create-administrator.ts', 'x'], {
      cwd: `${__dirname}/..`,
      env: { ...process.env, ADMIN_PASSWORD: 'short' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in refused ? refused.code : 0).toBe(2);
  }, 60_000);
});
