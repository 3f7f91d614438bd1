import { NestApplicationOptions } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { jsonBody } from './common/json-body';
import { Environment } from './config/environment';
import { CONSOLE_DIR } from './console/console.controller';

/** A Mẫu số 01 report is a few kilobytes; our deepest body (a task's findings) nests three levels. */
const BODY_LIMITS = { bytes: 64 * 1024, depth: 8 };

/** Options for creating the app: we read bodies ourselves (see `jsonBody`), so Nest's parsers stay off. */
export const APP_OPTIONS: NestApplicationOptions = { bodyParser: false };

/** What every instance of the app needs, in production and in tests alike. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.enableShutdownHooks();
  app.set('trust proxy', trustedProxies(app.get<ConfigService<Environment, true>>(ConfigService).get('TRUST_PROXY', { infer: true })));
  app.use(helmet());
  app.use(jsonBody(BODY_LIMITS));
  app.useStaticAssets(CONSOLE_DIR, { prefix: '/console', index: false, fallthrough: true });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Child-protection referrals / Chuyển gửi bảo vệ trẻ em')
      .setDescription('Hotline intake, interagency referrals and agency inboxes (Decree 56/2017/NĐ-CP, chapter IV)')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}

/** `TRUST_PROXY` as Express takes it: false, a hop count, or a list of addresses and subnets. */
export function trustedProxies(setting: string): boolean | number | string {
  const value = setting.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
