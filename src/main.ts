import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp } from './app.setup';
import { HttpAdapter } from './common/http-adapter';
import { Environment } from './config/environment';

async function bootstrap(): Promise<void> {
  const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, new HttpAdapter(), APP_OPTIONS));
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen(port);
  Logger.log(`Listening on ${config.get('PUBLIC_URL', { infer: true })} (API docs at /api/docs)`, 'Bootstrap');
}

void bootstrap();
