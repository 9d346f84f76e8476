import { DataSource } from 'typeorm';
import { ComplaintRepository } from '@desk/complaints';
import { databaseOptions } from '@desk/database';
import { createSandbox, type Sandbox } from './support/test-app.js';

/**
 * Claiming Idempotency-Keys in a batch where some are taken already: the claimed set names exactly
 * the new ones, and the caller's key objects come back as they went in. (TypeORM used to write the
 * returned rows back into them by position, so a taken key made its neighbours swap keys — and a
 * complaint whose key was taken got stored as if it had claimed another.)
 */
describe('intake key claims', () => {
  let sandbox: Sandbox;
  let dataSource: DataSource;
  let complaints: ComplaintRepository;

  beforeAll(async () => {
    sandbox = await createSandbox();
    dataSource = new DataSource(databaseOptions(sandbox.config.DATABASE_URL, 2));
    await dataSource.initialize();
    complaints = new ComplaintRepository(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await sandbox.drop();
  });

  const claim = (name: string) => ({
    key: name,
    requestHash: name.padEnd(64, '0'),
    complaintId: crypto.randomUUID(),
    trackingCode: name.toUpperCase().padEnd(10, 'X').slice(0, 10),
    status: 'received',
  });

  it('claims only the free keys of a batch and leaves every key object unchanged', async () => {
    await dataSource.transaction((tx) => complaints.claimIntakeKeys(tx, [claim('k-2')]));
    const batch = ['k-1', 'k-2', 'k-3', 'k-4'].map(claim);
    const before = structuredClone(batch);

    const claimed = await dataSource.transaction((tx) => complaints.claimIntakeKeys(tx, batch));

    expect([...claimed].sort()).toEqual(['k-1', 'k-3', 'k-4']);
    expect(batch).toEqual(before);
    const rows = (await dataSource.query(
      'SELECT key, complaint_id FROM complaint_intake_keys ORDER BY key',
    )) as { key: string; complaint_id: string }[];
    expect(rows.filter((r) => r.key !== 'k-2')).toEqual(
      before
        .filter((c) => c.key !== 'k-2')
        .map((c) => ({ key: c.key, complaint_id: c.complaintId })),
    );
  });
});
