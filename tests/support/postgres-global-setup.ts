import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/src/db/database';
import { createDatabase, startPostgres } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throw-away PostgreSQL server of the `integration-postgres` project (absent on SQLite). */
    postgresUrl?: string;
  }
}

/** The database every test database is copied from: the schema already migrated, so a copy is ready at once. */
export const TEMPLATE_DATABASE = 'diemcau_template';

/**
 * vitest globalSetup of the `integration-postgres` project: starts a throw-away PostgreSQL
 * cluster, migrates a template database, hands the server's URL to the tests, and stops and
 * removes the cluster after the run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  try {
    const db = await openDatabase('', await createDatabase(server.url, { name: TEMPLATE_DATABASE }));
    await db.destroy();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
