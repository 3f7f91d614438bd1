import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { APP_OPTIONS, configureApp } from '../../src/app.setup';
import { Clock } from '../../src/common/clock';
import { TestClock } from './test-clock';

export interface TestApp {
  app: INestApplication;
  url: string;
  clock: TestClock;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The whole service, listening on a free local port, on this test file's SQLite file. */
export async function startApp(
  clock = new TestClock(new Date('2026-03-02T01:00:00Z')),
  configure: (builder: TestingModuleBuilder) => TestingModuleBuilder = (builder) => builder,
): Promise<TestApp> {
  const moduleRef = await configure(Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock)).compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>(APP_OPTIONS));
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const url = await app.getUrl();
  return {
    app,
    url: url.replace('[::1]', '127.0.0.1'),
    clock,
    dataSource: app.get(DataSource),
    close: () => app.close(),
  };
}
