import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { dirname, join } from 'node:path';
import { AgenciesModule } from '../agencies/agencies.module';
import { Environment } from '../config/environment';
import { CaseNotices, CONSOLE_URL } from './case-notices';
import { FolderMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';
import { MAIL_RELAY_SETTINGS, MailRelay, MailRelaySettings } from './mail-relay';
import { Outbox } from './outbox';

@Module({
  imports: [AgenciesModule],
  providers: [
    Outbox,
    MailRelay,
    CaseNotices,
    {
      provide: CONSOLE_URL,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): string => `${config.get('PUBLIC_URL', { infer: true }).replace(/\/$/, '')}/console`,
    },
    {
      provide: MailTransport,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): MailTransport => {
        const host = config.get('SMTP_HOST', { infer: true });
        if (!host) return new FolderMailTransport(join(dirname(config.get('DATABASE_PATH', { infer: true })), 'mail'));
        return new SmtpMailTransport({
          host,
          port: config.get('SMTP_PORT', { infer: true }),
          secure: config.get('SMTP_SECURE', { infer: true }),
          user: config.get('SMTP_USER', { infer: true }),
          pass: config.get('SMTP_PASS', { infer: true }),
        });
      },
    },
    {
      provide: MAIL_RELAY_SETTINGS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): MailRelaySettings => ({
        from: config.get('MAIL_FROM', { infer: true }),
        domain: new URL(config.get('PUBLIC_URL', { infer: true })).hostname,
        intervalSeconds: config.get('MAIL_RELAY_INTERVAL_SECONDS', { infer: true }),
        leaseSeconds: config.get('MAIL_LEASE_SECONDS', { infer: true }),
      }),
    },
  ],
  exports: [Outbox, MailRelay, CaseNotices, CONSOLE_URL],
})
export class MailModule {}
