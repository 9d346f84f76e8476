import { DataSource } from 'typeorm';
import { databaseOptions } from '@desk/database';
import { createSandbox, type Sandbox } from './support/test-app.js';

describe('migrations are the schema', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox();
  });
  afterAll(() => sandbox.drop());

  it('generating a migration from the entities yields nothing (no drift)', async () => {
    const dataSource = new DataSource(databaseOptions(sandbox.config.DATABASE_URL, 1));
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
