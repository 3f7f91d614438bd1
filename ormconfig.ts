import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './src/database/data-source-options';

/** For the TypeORM CLI (`npm run migration:generate -- src/database/migrations/Name`). */
export default new DataSource(databaseOptions({ DATABASE_URL: process.env.DATABASE_URL, DATABASE_PATH: process.env.DATABASE_PATH ?? 'data/referrals.sqlite' }));
