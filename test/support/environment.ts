import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test file gets its own folder and SQLite file, read by the app's validated configuration at import.
process.env.NODE_ENV = 'test';
process.env.DATABASE_PATH = join(tmpdir(), 'child-protection-tests', randomUUID(), 'referrals.sqlite');
// With E2E_DATABASE_URL (PostgreSQL; `npm run test:postgres` sets it from TEST_DATABASE_URL), each test
// file gets a database of its own on that server instead.
const server = process.env.E2E_DATABASE_URL;
if (server) {
  const name = `test_${randomUUID().replace(/-/g, '')}`;
  execFileSync('psql', [server, '-q', '-c', `CREATE DATABASE ${name}`]);
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.AUTH_SECRET = randomUUID() + randomUUID();
} else {
  delete process.env.DATABASE_URL;
}
process.env.SEED_DEMO_DATA = 'true';
// Tests drive the scanner and the mail relay themselves, with the test clock.
process.env.ALERT_SCAN_INTERVAL_SECONDS = '0';
process.env.REPORT_DEADLINE_SCAN_SECONDS = '0';
process.env.MAIL_RELAY_INTERVAL_SECONDS = '0';
// Tests sign in many people from one address within a minute; one test checks the limit itself.
process.env.SIGN_IN_FAILURES_PER_MINUTE = '100000';
// Sign-in tests play people at several addresses through X-Forwarded-For from the local test client.
process.env.TRUST_PROXY = 'loopback';
if (server) {
  // Counts come back from PostgreSQL as int8 text; the tests' counts are small numbers.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('pg').types.setTypeParser(20, Number);
}
