import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from './app';
import { appConfig, readConfig } from './config';
import { describeDatabase, openDatabase } from './db/database';
import { seedDemo } from './demo/demo';
import { systemClock } from './lib/clock';
import { guardProcess } from './lib/process-guard';
import { LOG_REDACT } from './http/request-log';
import { linkLines } from './links';

/** Entry point: reads the environment, opens the database, listens, prints the links. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT });
  const db = await openDatabase(config.DATA_DIR, config.DATABASE_URL);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : null;
  const app = createApp({ db, clock: systemClock, logger, redis, config: appConfig(config) });
  const demo = config.DEMO ? await seedDemo({ db, meetings: app.meetings, sites: app.sites, store: app.store, now: systemClock.now() }) : null;

  // A long queue of pending connections: after a restart thousands of pages knock within
  // seconds, and a full queue (Node's default 511) drops them into TCP's 1 s, 3 s… retries.
  await new Promise<void>((resolve) => app.httpServer.listen({ port: config.PORT, host: config.HOST, backlog: LISTEN_BACKLOG }, resolve));
  // The process that reads uploads is started now, not when the first file arrives.
  app.sandbox.warm();
  // Serving: from here on nothing one request does may stop the others (a failure to start still stops it, with its reason).
  guardProcess(logger);
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = (config.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');

  const seeded = config.DEMO ? demo : null;
  const lines = [`diemcau đang chạy tại ${base}  (dữ liệu: ${describeDatabase(config.DATABASE_URL, config.DATA_DIR)})`];
  // Links are secrets: printed once, when the demo meeting is first made; afterwards on demand (`npm run links`).
  if (seeded) lines.push(...(await linkLines(app, base, Boolean(config.ADMIN_TOKEN))));
  else lines.push('', '  Liên kết và PIN: chạy "npm run links" (hoặc xem trang quản trị).');
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await db.destroy();
    await redis?.quit();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Connects to Redis, failing with what to check when it does not answer within 10 s. */
async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 10_000, maxRetriesPerRequest: 3 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at REDIS_URL (${url.replace(/\/\/[^@]*@/, '//…@')}): ${error instanceof Error ? error.message : String(error)}. Check that Redis runs and the address, or unset REDIS_URL to run one node.`);
  }
  return redis;
}

/** Pending connections the kernel may queue (it caps this at net.core.somaxconn). */
const LISTEN_BACKLOG = 4_096;

main().catch((error: unknown) => {
  process.stderr.write(`diemcau could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
