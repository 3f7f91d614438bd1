/**
 * Verifies the audit trail's hash chain straight from the database, without the service:
 *
 *   npm run audit:verify                      # DATABASE_URL (PostgreSQL), else DATABASE_PATH or data/referrals.sqlite
 *   npm run audit:verify -- path/to/file.sqlite
 *
 * Prints the result as JSON; exits 1 and names the first broken line when the chain does not hold.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ChainCheck, verifyChain } from '../src/audit/audit-chain';
import { readAuditPage } from '../src/audit/audit-trail';
import { databaseOptions } from '../src/database/data-source-options';

export async function verifyAuditTrail(database: { DATABASE_URL?: string; DATABASE_PATH: string }): Promise<ChainCheck> {
  const dataSource = new DataSource({ ...databaseOptions(database), migrationsRun: false });
  await dataSource.initialize();
  try {
    return await verifyChain((after, limit) => readAuditPage(dataSource.manager, after, limit));
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const path = process.argv[2];
  const database = path ? { DATABASE_PATH: path } : { DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: process.env.DATABASE_PATH ?? 'data/referrals.sqlite' };
  verifyAuditTrail(database)
    .then((result) => {
      console.log(JSON.stringify(result));
      process.exit(result.ok ? 0 : 1);
    })
    .catch((error: unknown) => {
      console.error(`Could not verify ${path ?? 'the database'}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    });
}
