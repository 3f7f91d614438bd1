import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { CONSOLE_DIR } from './console/console.controller';

/** Largest JSON body accepted: a Mẫu số 01 report is a few kilobytes. */
const BODY_LIMIT = '64kb';

/** What every instance of the app needs, in production and in tests alike. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.enableShutdownHooks();
  app.use(helmet());
  app.useBodyParser('json', { limit: BODY_LIMIT });
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
