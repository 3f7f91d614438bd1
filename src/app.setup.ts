import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** What every instance of the app needs, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Child-protection referrals / Chuyển gửi bảo vệ trẻ em')
      .setDescription('Hotline intake, interagency referrals and agency inboxes (Decree 56/2017/NĐ-CP, chapter IV)')
      .setVersion('0.1.0')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}
