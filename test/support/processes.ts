import { type ChildProcess, spawn } from 'node:child_process';
import type { AppConfig } from '@desk/platform';

/** The environment that reproduces a sandbox's configuration in a child process. */
function envOf(config: AppConfig, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    ...Object.fromEntries(
      Object.entries(config)
        .filter(
          ([key, value]) =>
            /^[A-Z0-9_]+$/.test(key) && typeof value !== 'object' && value !== undefined,
        )
        .map(([key, value]) => [key, String(value)]),
    ),
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '5',
    ...extra,
  };
}

/**
 * The real worker as its own operating-system process (the compiled entry point), on a sandbox's
 * database and Redis prefix: for drills that kill it with SIGKILL and start another.
 */
export function spawnWorker(config: AppConfig, extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['dist/apps/worker/src/main.js'], {
    env: envOf(config, extra),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The real API as its own process on a port; resolves once it answers /health. */
export async function spawnApi(
  config: AppConfig,
  port: number,
  extra: Record<string, string> = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    env: envOf(config, { ...extra, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return child;
    } catch {
      // not yet listening
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`API on port ${port} did not come up`);
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
