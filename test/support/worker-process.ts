import { type ChildProcess, spawn } from 'node:child_process';
import type { AppConfig } from '@desk/platform';

/**
 * The real worker as its own operating-system process (the compiled entry point), on a sandbox's
 * database and Redis prefix: for drills that kill it with SIGKILL and start another.
 */
export function spawnWorker(config: AppConfig, extra: Record<string, string> = {}): ChildProcess {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    DATABASE_URL: config.DATABASE_URL,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    LOG_LEVEL: 'error',
    ...Object.fromEntries(
      Object.entries(config)
        .filter(
          ([key, value]) =>
            /^[A-Z0-9_]+$/.test(key) && typeof value !== 'object' && value !== undefined,
        )
        .map(([key, value]) => [key, String(value)]),
    ),
    ...extra,
  };
  return spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** SIGKILL, and wait until the process is gone. */
export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export function stopGracefully(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
