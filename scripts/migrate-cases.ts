/**
 * Moves every case stored by an older workflow version to the current one, one transaction each
 * (cases also move on their own when next opened):
 *
 *   npm run cases:migrate
 *
 * Prints how many moved and, by case number, those that could not and why; exits 1 if any could not.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import { CaseMigrations, MigrationReport } from '../src/cases/case-migrations';

export async function migrateCases(): Promise<MigrationReport> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    return await app.get(CaseMigrations).migrateAll();
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  migrateCases()
    .then((report) => {
      console.log(JSON.stringify(report));
      process.exit(report.refused.length > 0 ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(`Could not migrate the cases: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    });
}
