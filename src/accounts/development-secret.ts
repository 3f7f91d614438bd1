import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The token secret of an instance without AUTH_SECRET (never production): made at random the first
 * time and kept in a file beside the database, readable by the service's user only, so that tokens
 * survive a restart and nobody can mint one from a value printed in the README.
 */
export function developmentSecret(databasePath: string): string {
  if (databasePath === ':memory:') return randomBytes(48).toString('base64url');
  const file = join(dirname(databasePath), 'auth-secret');
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret; delete it to have a new one made`);
  return secret;
}
