/**
 * The first administrator of a production database, which has no demo accounts and no agencies:
 *
 *   ADMIN_PASSWORD='…12+ characters…' npm run admin:create -- <username> <province code> "<agency, Vietnamese>" "<agency, English>"
 *
 * Creates the province's labour body (since 2025 its department of home affairs) if it is not there,
 * and an administrator account in it; everything else, the province's chain included, is then done
 * through the API. The province code is the gazetteer's (two digits, e.g. 12 for Lai Châu).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AccountsService } from '../src/accounts/accounts.service';
import { AgenciesService } from '../src/agencies/agencies.service';
import { AppModule } from '../src/app.module';
import { Actor } from '../src/common/actor.decorator';

export async function createAdministrator(args: { username: string; provinceCode: string; nameVi: string; nameEn: string; password: string }): Promise<{ accountId: string; agencyId: string }> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const agencies = app.get(AgenciesService);
    const existing = await agencies.list({ type: 'LABOUR_SOCIAL', provinceCode: args.provinceCode, pageSize: 1 });
    const system: Actor = {
      id: 'system:create-administrator',
      username: 'system',
      agencyId: existing.items[0]?.id ?? '',
      agencyType: 'LABOUR_SOCIAL',
      roles: ['administrator'],
      scope: { level: 'national', code: null },
      sessionId: 'command-line',
    };
    const agency =
      existing.items[0] ??
      (await agencies.create({ type: 'LABOUR_SOCIAL', level: 'province', provinceCode: args.provinceCode, nameVi: args.nameVi, nameEn: args.nameEn }, system));
    const account = await app.get(AccountsService).create(
      { username: args.username, displayName: args.username, agencyId: agency.id, roles: ['administrator'], password: args.password },
      { ...system, agencyId: agency.id },
    );
    return { accountId: account.id, agencyId: agency.id };
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  const [username, provinceCode, nameVi, nameEn] = process.argv.slice(2);
  const password = process.env.ADMIN_PASSWORD ?? '';
  if (!username || !provinceCode || !nameVi || !nameEn || password.length < 12) {
    console.error('Usage: ADMIN_PASSWORD=<12+ characters> npm run admin:create -- <username> <province code> "<agency, Vietnamese>" "<agency, English>"');
    process.exit(2);
  }
  createAdministrator({ username, provinceCode, nameVi, nameEn, password })
    .then((created) => console.log(JSON.stringify(created)))
    .catch((error: unknown) => {
      console.error(`Could not create the administrator: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
