import { onServer } from './global-setup.mjs';

export default async function globalTeardown() {
  const template = process.env.DESK_TEST_TEMPLATE;
  if (template) await onServer(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
