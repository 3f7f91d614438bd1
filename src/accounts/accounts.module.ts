import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AgenciesModule } from '../agencies/agencies.module';
import { GazetteerModule } from '../gazetteer/gazetteer.module';
import { MailModule } from '../mail/mail.module';
import { Environment } from '../config/environment';
import { AccessTokens, ACCESS_TOKEN_MINUTES } from './access-tokens';
import { developmentSecret } from './development-secret';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AUTH_SETTINGS, AuthService, AuthSettings } from './auth.service';
import { Sessions } from './sessions';
import { SIGN_IN_LIMIT, SignInLimiter } from './sign-in-limiter';
import { SignInThrottle } from './sign-in-throttle';
import { StreamTickets } from './stream-tickets';

@Global()
@Module({
  imports: [
    AgenciesModule,
    MailModule,
    GazetteerModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        // Production requires AUTH_SECRET (checked at start); elsewhere each data directory has its own random one.
        // Given as a key object: from a string, jsonwebtoken first tries (and fails) to parse a public key on every check.
        secret: createSecretKey(Buffer.from(config.get('AUTH_SECRET', { infer: true }) ?? developmentSecret(config.get('DATABASE_PATH', { infer: true })))),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [AuthController, AccountsController],
  providers: [
    AccessTokens,
    AccountsService,
    AuthService,
    Sessions,
    SignInLimiter,
    SignInThrottle,
    StreamTickets,
    { provide: APP_GUARD, useClass: AuthGuard },
    {
      provide: ACCESS_TOKEN_MINUTES,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => config.get('ACCESS_TOKEN_MINUTES', { infer: true }),
    },
    {
      provide: SIGN_IN_LIMIT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => config.get('SIGN_IN_FAILURES_PER_MINUTE', { infer: true }),
    },
    {
      provide: AUTH_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): AuthSettings => ({
        production: config.get('NODE_ENV', { infer: true }) === 'production',
        refreshTokenDays: config.get('REFRESH_TOKEN_DAYS', { infer: true }),
      }),
    },
  ],
  exports: [AccountsService],
})
export class AccountsModule {}
