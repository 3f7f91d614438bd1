import { NestApplicationOptions } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ErrorDto } from './common/label.dto';
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
    { extraModels: [ErrorDto] },
  );
  documentRefusals(document);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}

const REFUSALS: Record<string, string> = {
  '400': 'invalid input: `details` names the fields',
  '401': 'not signed in, or the token expired or was revoked',
  '403': 'a role or agency that may not do this',
  '404': 'unknown, or outside your scope (answered the same)',
  '409': 'a conflicting write: a stale version, a step already dealt with or claimed, a report already submitted',
  '413': 'a body over 64 KB',
  '415': 'a body that is not uncompressed UTF-8 JSON',
  '422': 'an event the case does not accept now (the message names those it accepts)',
  '429': 'too many failed sign-ins from this address (see Retry-After)',
};

/** Every operation documents the refusals it can answer, each with the one error body. */
function documentRefusals(document: OpenAPIObject): void {
  const error = { 'application/json': { schema: { $ref: getSchemaPath(ErrorDto) } } };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations) as Array<[string, { responses: Record<string, unknown>; security?: unknown[]; requestBody?: unknown }]>) {
      const codes = ['400', '403', '404'];
      if (operation.security?.length) codes.push('401');
      if (method !== 'get') codes.push('409');
      if (operation.requestBody) codes.push('413', '415');
      if (/\/(events|complete|accept|decline|extend)$/.test(path)) codes.push('422');
      if (path === '/auth/sign-in') codes.push('429');
      for (const code of codes.sort()) operation.responses[code] ??= { description: REFUSALS[code], content: error };
    }
  }
}

/** `TRUST_PROXY` as Express takes it: false, a hop count, or a list of addresses and subnets. */
export function trustedProxies(setting: string): boolean | number | string {
  const value = setting.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}
