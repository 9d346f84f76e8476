import { DataSource } from 'typeorm';

/** The server the suites use; each suite gets its own database on it. */
export const TEST_SERVER_URL =
  process.env.DESK_TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

export function databaseUrl(name: string): string {
  return `${TEST_SERVER_URL}/${name}`;
}

/** Runs statements on the maintenance database (CREATE/DROP DATABASE cannot run inside one). */
export async function onServer<T>(
  work: (query: (sql: string) => Promise<unknown>) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl('postgres'),
    extra: { max: 1 },
  });
  await dataSource.initialize();
  try {
    return await work((sql) => dataSource.query(sql));
  } finally {
    await dataSource.destroy();
  }
}
