import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from './app';
import { eventLimits, liveKitConfig, readConfig } from './config';
import { describeDatabase, openDatabase } from './db/database';
import { seedDemo } from './demo/demo';
import { systemClock } from './lib/clock';
import { guardProcess } from './lib/process-guard';
import { LOG_REDACT } from './http/request-log';
import { DEFAULT_QUESTION_LIMITS } from './questions/questions.service';

/** Entry point: reads the environment, opens the database, listens, prints the links. */
async function main(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: config.LOG_LEVEL, redact: LOG_REDACT });
  const db = await openDatabase(config.DATA_DIR, config.DATABASE_URL);
  const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : null;
  const app = createApp({
    db,
    clock: systemClock,
    logger,
    redis,
    config: {
      adminToken: config.ADMIN_TOKEN,
      clientDir: config.CLIENT_DIR,
      trustProxy: config.TRUST_PROXY,
      persistQuestions: config.PERSIST_QUESTIONS,
      questionLimits: { ...DEFAULT_QUESTION_LIMITS, perAddress: config.QUESTION_LIMIT_PER_ADDRESS, perSender: config.QUESTION_LIMIT_PER_SENDER },
      liveKit: liveKitConfig(config),
      maxMessageBytes: config.SOCKET_MAX_MESSAGE_BYTES,
      eventLimits: eventLimits(config),
      publicReadsPerMinute: config.PUBLIC_READS_PER_MINUTE,
    },
  });
  if (config.DEMO) await seedDemo({ db, meetings: app.meetings, sites: app.sites, store: app.store, now: systemClock.now() });

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

  const lines = [`diemcau đang chạy tại ${base}  (dữ liệu: ${describeDatabase(config.DATABASE_URL, config.DATA_DIR)})`, '', `  Quản trị hội nghị:  ${base}/admin/${await app.access.adminToken()}`];
  for (const meeting of await app.store.list('', 5)) {
    const links = await app.access.meetingAccess(meeting);
    lines.push(
      '',
      `  ${meeting.title}`,
      `    MC (dẫn chương trình): ${base}/mc/${links.mcToken}`,
      `    hoặc ${base}/pin  mã hội nghị ${links.code}, PIN ${links.mcPin}`,
      `    Màn chiếu / TV:        ${base}/screen/${links.projectorToken}`,
      `    Lãnh đạo (theo dõi):   ${base}/board/${links.leadershipToken}`,
    );
    const sites = await app.access.siteTokens(meeting.id);
    const first = (await app.sites.rows(meeting.id)).slice(0, 3);
    for (const site of first) lines.push(`    Điểm cầu "${site.name}": ${base}/site/${sites.get(site.id)?.token ?? ''}  (PIN ${sites.get(site.id)?.pin ?? ''})`);
    if (sites.size > first.length) lines.push(`    … và ${sites.size - first.length} điểm cầu khác (danh sách, mã QR và PIN trong trang MC → Điểm cầu)`);
    const stored = await app.meetings.load(meeting.id);
    const questionLinks = await app.access.questionsAccess(meeting.id, stored?.state.questions.offices ?? []);
    lines.push(
      `    Gửi câu hỏi (mã QR):   ${base}/q/${questionLinks.publicToken}`,
      `    Điều hành câu hỏi:     ${base}/mod/${questionLinks.moderatorToken}`,
    );
  }
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
