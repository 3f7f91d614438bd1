import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { sqliteOptions } from './src/database/data-source-options';

/** For the TypeORM CLI (`npm run migration:generate -- src/database/migrations/Name`). */
export default new DataSource(sqliteOptions(process.env.DATABASE_PATH ?? 'data/referrals.sqlite'));
