import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, validateSync } from 'class-validator';

/** The service's settings, read once from the environment and checked before anything starts. */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** SQLite database file; created with its folder on first start. */
  @IsString()
  DATABASE_PATH = 'data/referrals.sqlite';

  /** Base of links in messages and documents. */
  @IsUrl({ require_tld: false })
  PUBLIC_URL = 'http://localhost:3000';

  /** Seed the demo province, its agencies and accounts into an empty database. */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsOptional()
  SEED_DEMO_DATA?: boolean;
}

export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const env = plainToInstance(Environment, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid environment, the service cannot start:\n${lines.join('\n')}`);
  }
  env.SEED_DEMO_DATA ??= env.NODE_ENV !== 'production';
  return env;
}
