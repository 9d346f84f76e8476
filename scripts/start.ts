import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { migrate } from '@desk/database';
import { loadConfigOrExit } from '@desk/platform';

/**
 * `npm start`: applies migrations, then runs one API and one worker process and stops both when
 * either ends or on SIGINT/SIGTERM. For several of each, start them separately (see README).
 */
const config = loadConfigOrExit();
const applied = await migrate(config.DATABASE_URL);
process.stdout.write(
  `${JSON.stringify({ level: 'info', msg: 'migrations applied', count: applied.length })}\n`,
);

const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const children: ChildProcess[] = [
  spawn(process.execPath, [entry('../apps/api/src/main.js')], { stdio: 'inherit' }),
  spawn(process.execPath, [entry('../apps/worker/src/main.js')], { stdio: 'inherit' }),
];
let stopping = false;
const stop = (code: number) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 10_000).unref();
  Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode === null ? child.once('exit', resolve) : resolve(null),
        ),
    ),
  ).then(() => process.exit(code));
};
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
