import { existsSync } from 'node:fs';
import path from 'node:path';
import { CLIENT_DIR, startServerProcess } from './server-process';

/**
 * Starts the real server (`node --import tsx server/src/index.ts`) serving client/dist (or DIEMCAU_E2E_CLIENT_DIR) on a
 * free port with a fresh DATA_DIR and a known ADMIN_TOKEN; tests read DIEMCAU_E2E_URL and
 * DIEMCAU_E2E_ADMIN_TOKEN. Returns the teardown that stops it and removes the data.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    throw new Error(`${CLIENT_DIR}/index.html is missing: run "npm run build -w client" before the browser tests.`);
  }
  const server = await startServerProcess();
  process.env.DIEMCAU_E2E_URL = server.url;
  process.env.DIEMCAU_E2E_ADMIN_TOKEN = server.adminToken;
  return server.stop;
}
