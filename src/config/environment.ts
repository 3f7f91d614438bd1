import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** The service's settings, read once from the environment and checked before anything starts. */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** SQLite database file; created with its folder on first start. Unused with DATABASE_URL. */
  @IsString()
  DATABASE_PATH = 'data/referrals.sqlite';

  /** PostgreSQL, for production and several instances: `postgres://user:password@host:port/database`. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Connections each instance keeps to PostgreSQL. */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(2) @Max(100)
  DATABASE_POOL_SIZE = 10;

  /** Base of links in messages and documents. */
  @IsUrl({ require_tld: false })
  PUBLIC_URL = 'http://localhost:3000';

  /** SMTP server for e-mail; with none, messages are written as .eml files beside the database. */
  @IsOptional() @IsString() SMTP_HOST?: string;

  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1) @Max(65535)
  SMTP_PORT = 587;

  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional() @IsString() SMTP_USER?: string;
  @IsOptional() @IsString() SMTP_PASS?: string;

  @IsString()
  MAIL_FROM = 'Chuyển gửi bảo vệ trẻ em <no-reply@localhost>';

  /** How often the outbox is delivered; 0 turns the timer off (tests drive it). */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(0)
  MAIL_RELAY_INTERVAL_SECONDS = 10;

  /** How long a message being sent is left to the relay pass that claimed it; past it, that pass is taken to have died. */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1)
  MAIL_LEASE_SECONDS = 300;

  /** How often overdue steps are looked for; 0 turns the timer off (a scan still runs at start). */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(0)
  ALERT_SCAN_INTERVAL_SECONDS = 20;

  /** How often periodic reports past their due date are looked for (and their e-mails written); 0: only at start. */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(0)
  REPORT_DEADLINE_SCAN_SECONDS = 600;

  /** How many days back a report's receivedAt may lie; a paper backlog needs it widened for a while. */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1) @Max(3650)
  REPORT_MAX_AGE_DAYS = 30;

  /** Signs access tokens; at least 32 characters, and required in production. */
  @IsOptional() @IsString() @MinLength(32)
  AUTH_SECRET?: string;

  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1) @Max(60)
  ACCESS_TOKEN_MINUTES = 15;

  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1) @Max(90)
  REFRESH_TOKEN_DAYS = 7;

  /** Failed sign-ins from one address a minute, across all usernames; successes do not count. */
  @Transform(({ value }) => Number(value))
  @IsInt() @Min(1)
  SIGN_IN_FAILURES_PER_MINUTE = 20;

  /**
   * Which proxies in front of the service to believe about the client's address (Express's
   * `trust proxy`): `false` (the default: the socket's address), a number of hops, or addresses and
   * subnets such as `loopback, 10.0.0.0/8`. Sign-in throttling counts per address, so behind a proxy
   * this must be set or every user shares the proxy's address.
   */
  @IsString()
  TRUST_PROXY = 'false';

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
  // Instances that share a database must sign tokens alike; a secret kept beside a SQLite file cannot be shared.
  if (env.DATABASE_URL && !env.AUTH_SECRET) {
    throw new Error('Invalid environment, the service cannot start:\n  AUTH_SECRET: required with DATABASE_URL (32 characters or more), the same on every instance');
  }
  if (env.NODE_ENV === 'production') {
    const problems = [
      ...(env.AUTH_SECRET ? [] : ['  AUTH_SECRET: required in production (32 characters or more)']),
      ...(env.SEED_DEMO_DATA ? ['  SEED_DEMO_DATA: demo agencies and accounts are refused in production'] : []),
    ];
    if (problems.length > 0) throw new Error(`Invalid environment, the service cannot start:\n${problems.join('\n')}`);
  }
  return env;
}
