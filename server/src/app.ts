import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { hostname } from 'node:os';
import path from 'node:path';
import { fail, parseRoute, type VideoStatus } from '@diemcau/shared';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { accessService } from './access/access';
import { accessStore } from './access/access.store';
import type { Db } from './db/database';
import type { Clock } from './lib/clock';
import type { TrustProxy } from './http/client-address';
import { clientFiles, jsonCompression, sendClientFile } from './http/client-files';
import { bodyRefusal } from './http/body';
import { sendFailure } from './http/http';
import { memoryLimiters, redisLimiters } from './lib/rate-limit';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security';
import { meetingsRouter } from './meetings/meetings.http';
import { meetingService } from './meetings/meetings.service';
import { meetingsStore } from './meetings/meetings.store';
import { plansRouter } from './plans/plans.http';
import { planReader } from './plans/plans.pool';
import { createSandbox, type SandboxOptions } from './sandbox/sandbox';
import { deviceKeys } from './questions/device-keys';
import { questionsRouter } from './questions/questions.http';
import { type QuestionLimits, questionsService } from './questions/questions.service';
import { questionsStore } from './questions/questions.store';
import { createBroadcaster, deliveredRevision, videoSeen } from './realtime/broadcaster';
import { BroadcastOrder } from './realtime/broadcast-order';
import { clusterAdapter } from './realtime/cluster';
import { redisPresence } from './sites/presence';
import { registerSocketHandlers } from './realtime/socket.handlers';
import { recordRouter } from './record/record.http';
import { recordJobs } from './record/record.jobs';
import { reportsRouter } from './reports/reports.http';
import { reportsService } from './reports/reports.service';
import { attendanceExportOf } from './sites/sites.export';
import { sitesRouter } from './sites/sites.http';
import { type LiveKitConfig, livekitRoomService, type RoomService } from './video/room-service';
import { videoRouter } from './video/video.http';
import { videoService } from './video/video.service';
import { sitesService } from './sites/sites.service';
import { sitesStore } from './sites/sites.store';
import type { AppServer } from './realtime/types';
import { admitConnections, DEFAULT_EVENT_LIMITS, type EventLimits } from './realtime/event-limits';

export type AppDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /**
   * Several nodes: a connected Redis client (the caller's to close). Broadcasts go through
   * Socket.IO's Redis streams adapter; presence and rate limits are counted in Redis.
   */
  redis?: Redis | null | undefined;
  config: {
    adminToken?: string | undefined;
    clientDir?: string | undefined;
    trustProxy?: string | number | undefined;
    /** Rate limits of question submissions and votes. */
    questionLimits?: QuestionLimits | undefined;
    /** false: acknowledge questions without storing them (the benchmark's baseline only). */
    persistQuestions?: boolean | undefined;
    /** The video bridge; null or absent: not configured (everything else works). */
    liveKit?: LiveKitConfig | null | undefined;
    /** Tests: a room service other than LiveKit's client, retries and reconcile period. */
    roomService?: RoomService | undefined;
    videoRetry?: { attempts: number; baseMs: number } | undefined;
    /** The sandbox's processes and limits (tests shorten them; default SANDBOX_DEFAULTS). */
    sandbox?: Omit<SandboxOptions, 'logger'> | undefined;
    /** Longest a meeting record may take (tests shorten it). */
    recordTimeoutMs?: number | undefined;
    /** Largest socket message, bytes (default MAX_MESSAGE_BYTES); a bigger one closes the connection. */
    maxMessageBytes?: number | undefined;
    /** Each connection's budgets of messages; null: none (tests whose clock never moves). Default DEFAULT_EVENT_LIMITS. */
    eventLimits?: EventLimits | null | undefined;
    /** Socket connections open at once per address (default 2,000; 0: no cap). */
    connectionsPerAddress?: number | undefined;
    /** Reads of the public page per address per minute (default 1,200: a school hall shares one address). */
    publicReadsPerMinute?: number | undefined;
    /** Device keys issued to public pages per address per 10 minutes (default DEVICE_KEY_LIMITS; 0: no limit). */
    deviceKeysPerAddress?: number | undefined;
  };
};

/**
 * Socket.IO's heartbeat: the server pings every 10 s and drops a connection whose answer has
 * not come 10 s later, so a phone gone silent leaves the board within 20 s (the default, 25 +
 * 20 s, left it "connected" for 45 s). Not tighter: a 3G line's 2 s round trips, or a phone
 * busy rendering, must not flap. Pages notice a silent server sooner on their own (client
 * realtime/liveness.ts).
 */
export const HEARTBEAT = { pingInterval: 10_000, pingTimeout: 10_000 } as const;

/** Largest socket message accepted (an agenda item with all its sub-points fits easily). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Builds diemcau on one HTTP server (express routes, the built client, Socket.IO) from its
 * dependencies. Never listens: the entry file or a test picks the port.
 */
export function createApp(deps: AppDeps) {
  const { db, clock, logger } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy ?? 'loopback');
  app.use(requestLog(logger));
  app.use(securityHeaders({ liveKitUrl: deps.config.liveKit?.url }));
  app.use(jsonCompression());
  const httpServer = createServer(app);
  const redis = deps.redis ?? null;
  /** This process among the nodes (presence shares are counted per node). */
  const nodeId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const order = redis ? new BroadcastOrder(clock.now) : null;
  const adapter = redis
    ? clusterAdapter(redis, (event, rooms) => {
        const delivered = deliveredRevision(event, rooms);
        if (delivered) order?.markDelivered(delivered.meetingId, delivered.rev);
        const seen = videoSeen(event, rooms);
        if (seen) video.mirror(seen.meetingId, seen.update);
      })
    : undefined;
  const io: AppServer = new Server(httpServer, { ...HEARTBEAT, maxHttpBufferSize: deps.config.maxMessageBytes ?? MAX_MESSAGE_BYTES, serveClient: false, ...(adapter ? { adapter } : {}) });
  const limiters = redis ? redisLimiters(redis, clock.now) : memoryLimiters(clock.now);

  const store = meetingsStore(db);
  const access = accessService({ store: accessStore(db), now: clock.now, adminToken: deps.config.adminToken });
  const broadcaster = createBroadcaster(io);
  const meetings = meetingService({ db, store, access, clock, broadcaster, logger, order });

  const siteRecords = sitesStore(db);
  const liveKit = deps.config.liveKit ?? null;
  // The video service needs the sites service to tell the boards; the sites service asks it for statuses.
  let videoStatus: (siteId: string) => VideoStatus | null = () => null;
  const sites = sitesService({
    db,
    store: siteRecords,
    access,
    clock,
    broadcaster,
    logger,
    videoStatus: (siteId) => videoStatus(siteId),
    isEnded: async (meetingId, fresh) => (await meetings.load(meetingId, fresh))?.state.live.status === 'ended',
    ...(redis ? { presence: (expired) => redisPresence({ redis, nodeId, now: clock.now, logger, expired }) } : {}),
  });
  const video = videoService({
    config: liveKit,
    rooms: liveKit ? (deps.config.roomService ?? livekitRoomService(liveKit)) : null,
    loadMeeting: async (meetingId) => (await meetings.load(meetingId))?.state ?? null,
    siteName: async (meetingId, siteId) => {
      const site = await siteRecords.get(siteId);
      return site && site.meeting_id === meetingId ? site.name : null;
    },
    videoChanged: (meetingId, siteId) => sites.videoChanged(meetingId, siteId),
    clock,
    broadcaster,
    logger,
    retry: deps.config.videoRetry,
    redis,
  });
  videoStatus = video.statusOf;
  void video.restore().catch((error: unknown) => logger.error({ err: error }, 'video state not restored from Redis'));
  meetings.observe((meetingId, before, after) => void video.meetingChanged(meetingId, before, after));
  meetings.observe((meetingId, before, after) => {
    if (before.live.status !== 'ended' && after.live.status === 'ended') void sites.meetingEnded(meetingId, after.live.endedAt ?? clock.now());
  });
  const devices = deviceKeys(db);
  const questions = questionsService({
    db,
    devices,
    store: questionsStore(db),
    meetings,
    siteInfo: async (meetingId, siteId) => {
      const site = await siteRecords.get(siteId);
      return site && site.meeting_id === meetingId ? { name: site.name, representative: site.representative } : null;
    },
    clock,
    broadcaster,
    logger,
    persist: deps.config.persistQuestions,
    limits: deps.config.questionLimits,
    limiters,
  });
  const sandbox = createSandbox({ logger, ...deps.config.sandbox });
  const plans = planReader({ sandbox });
  const reports = reportsService({ db, meetings, clock });
  const records = recordJobs({
    logger,
    now: () => clock.now(),
    // Read on the main thread (async queries), written in the worker.
    load: async (meetingId) => {
      const meeting = await meetings.load(meetingId, true);
      if (!meeting) return null;
      const generatedAt = clock.now();
      const [snapshot, asked, report] = await Promise.all([sites.snapshot(meetingId), questions.all(meetingId), reports.report(meetingId)]);
      const attendance = attendanceExportOf(meeting.state.details, snapshot, generatedAt);
      return { data: { code: meeting.code, state: meeting.state, attendance, questions: asked, generatedAt }, report };
    },
    timeoutMs: deps.config.recordTimeoutMs,
  });
  const eventLimits = deps.config.eventLimits === undefined ? DEFAULT_EVENT_LIMITS : deps.config.eventLimits;
  registerSocketHandlers(io, {
    access,
    meetings,
    sites,
    questions,
    video,
    clock,
    logger,
    trustProxy: app.get('trust proxy fn') as TrustProxy,
    eventLimits,
    connectionsPerAddress: deps.config.connectionsPerAddress ?? 2_000,
  });
  if (eventLimits) admitConnections(io, eventLimits);

  app.get('/healthz', async (_req, res) => {
    try {
      await db.selectFrom('meetings').select('id').limit(1).execute();
      res.json({ ok: true, status: 'ready', time: clock.now() });
    } catch (error) {
      logger.error({ err: error }, 'health check failed');
      res.status(503).json({ ok: false, status: 'database unavailable' });
    }
  });

  // LiveKit's webhooks: the raw body is what its signature covers.
  app.use('/api/livekit', videoRouter({ video }));
  // No body is read here: each route reads its own after its guard (http/body.ts, BODY_LIMITS).
  app.use(
    '/api',
    questionsRouter({ questions, meetings, access, broadcaster, sandbox, devices, now: () => clock.now(), limiters, publicReadsPerMinute: deps.config.publicReadsPerMinute, deviceKeysPerAddress: deps.config.deviceKeysPerAddress }),
    meetingsRouter({ meetings, store, access, now: () => clock.now(), limiters, revoked: broadcaster.tokensRevoked }),
    sitesRouter({ sites, meetings, access, sandbox, now: () => clock.now() }),
    plansRouter({ access, reader: plans }),
    reportsRouter({ reports, access }),
    recordRouter({ jobs: records, meetings, access }),
  );
  app.use('/api', (_req, res) => void sendFailure(res, fail('not_found', 'Không có đường dẫn API này.')));

  const clientDir = deps.config.clientDir;
  if (clientDir) {
    const root = path.resolve(clientDir);
    // Source maps are never served, even from a build made with them: they are the client's source.
    app.use((req, res, next) => (req.path.endsWith('.map') ? void res.status(404).type('text/plain').send('Không có tệp này.') : next()));
    app.use(clientFiles(root));
    app.get('/{*page}', (req, res, next) => {
      // a path that is no page (a guessed file such as /data/diemcau.db) gets the page's "not found" with status 404
      const route = routeOf(req.path);
      const page = route.name;
      if (page === 'notFound') res.status(404);
      // the public page's first read, asked for with the page (its code asks for the same URL once it runs): one round trip less on a phone
      if (route.name === 'q') res.setHeader('Link', `</api/public/${encodeURIComponent(route.token)}>; rel=preload; as=fetch; crossorigin`);
      // a page's own HTML (the build writes pages/<route>.html) names its code up front: no round trip for it after the entry
      const html = [`pages/${page}.html`, 'index.html'].find((file) => existsSync(path.join(root, file)));
      if (html) sendClientFile(req, res, root, html, next);
      else res.status(503).type('text/plain').send('Giao diện chưa được build: chạy "npm run build" rồi tải lại trang.');
    });
  }

  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => bodyRefusal(error, res, next));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) return void res.status(status).json(fail('invalid', 'Yêu cầu không hợp lệ.'));
    logger.error({ err: error }, 'request failed');
    sendFailure(res, fail('internal', 'Máy chủ gặp lỗi; thử lại sau giây lát.'));
  });

  return {
    app,
    httpServer,
    io,
    meetings,
    sites,
    questions,
    video,
    reports,
    sandbox,
    store,
    access,
    nodeId,
    /** Stops accepting connections and closes sockets; the database is the caller's. */
    async close(): Promise<void> {
      io.disconnectSockets(true);
      const closed = new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      // Pages told the server is going reconnect at once; their half-done handshakes would
      // hold the close until they time out (3,000 sites kept a SIGTERM waiting past 5 s).
      httpServer.closeAllConnections();
      await closed;
      await sites.close();
      await questions.close();
      await sandbox.close();
      await records.close();
      video.close();
    },
  };
}

export type App = ReturnType<typeof createApp>;

/** The client's page at a path ('notFound' for none; a malformed escape in it is none). */
function routeOf(pathname: string): ReturnType<typeof parseRoute> {
  try {
    return parseRoute(pathname);
  } catch {
    return { name: 'notFound' };
  }
}
