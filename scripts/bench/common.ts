import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { migrate } from '@desk/database';

export const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/** True when this module is the process's entry point (run as a script, not imported). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** A fresh, migrated database for one benchmark. */
export async function freshDatabase(name: string): Promise<string> {
  const admin = new DataSource({ type: 'postgres', url: `${SERVER}/postgres` });
  await admin.initialize();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.destroy();
  const url = `${SERVER}/${name}`;
  await migrate(url);
  return url;
}

/** The q-th quantile (0..1) of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0];
  } catch {
    return 'unknown';
  }
}

/** What the figures were measured on. */
export function machine(): Record<string, string> {
  return {
    cpu: `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgresql: version('psql', ['--version']),
    redis: version('redis-server', ['--version']),
  };
}
