// Plain JavaScript: jest loads global set-up outside its module system, so it cannot use the
// TypeScript sources or their @desk aliases.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';

const MIGRATE = 'dist/scripts/migrate.js';
export const SERVER = process.env.DESK_TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export async function onServer(sql) {
  const client = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Migrates one template database per run with the compiled migrate script (`npm test` builds first);
 * every suite clones it with CREATE DATABASE … TEMPLATE, which takes milliseconds, so suites run in
 * parallel on databases of their own.
 */
export default async function globalSetup() {
  if (!existsSync(MIGRATE))
    throw new Error(`${MIGRATE} is missing: run "npm run build" (npm test does)`);
  const template = `desk_tpl_${process.pid}`;
  await onServer(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  execFileSync(process.execPath, [MIGRATE], {
    env: { ...process.env, DATABASE_URL: `${SERVER}/${template}` },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env.DESK_TEST_TEMPLATE = template;
}
