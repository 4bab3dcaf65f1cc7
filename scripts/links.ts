/**
 * `npm run links`: prints the organiser's link and each meeting's links and PINs, from the
 * same database and settings as `npm start` (the server prints them only when it first makes
 * the demo meeting). An ADMIN_TOKEN given in the environment is not printed.
 */
import { pino } from 'pino';
import { createApp } from '../server/src/app';
import { appConfig, readConfig } from '../server/src/config';
import { openDatabase } from '../server/src/db/database';
import { systemClock } from '../server/src/lib/clock';
import { linkLines } from '../server/src/links';

const config = readConfig();
const db = await openDatabase(config.DATA_DIR, config.DATABASE_URL);
const app = createApp({ db, clock: systemClock, logger: pino({ level: 'warn' }), config: { ...appConfig(config), clientDir: undefined } });
try {
  const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
  process.stdout.write(`${(await linkLines(app, base, Boolean(config.ADMIN_TOKEN))).join('\n')}\n\n`);
} finally {
  await app.close();
  await db.destroy();
}
