import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_EVENT_LIMITS, type EventLimits } from './realtime/event-limits';
import { DEVICE_KEY_LIMITS } from './questions/questions.http';
import { DEFAULT_QUESTION_LIMITS } from './questions/questions.service';

/** Settings from the environment, checked at start so a typo fails fast with its name. */
export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default(path.resolve('data')),
  /**
   * PostgreSQL instead of the embedded SQLite file (e.g. postgres://diemcau:secret@db:5432/diemcau):
   * the one switch between the two. Unset or empty: SQLite under DATA_DIR.
   */
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((v) => /^postgres(ql)?:\/\/[^/\s]+/.test(v) && URL.canParse(v), {
        message: 'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/diemcau (or unset for the embedded SQLite file)',
      })
      .optional(),
  ),
  /** Organiser token; when absent one is generated on first start and kept in the database. */
  ADMIN_TOKEN: z.string().min(32, 'ADMIN_TOKEN must be at least 32 characters').optional(),
  /** Base URL printed for links (behind a proxy); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** Load the demo meeting when the database has none. */
  DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Which proxies' X-Forwarded-For to believe (express "trust proxy"): `loopback`, a hop
   * count such as `1`, or addresses/subnets such as `172.16.0.0/12`. Rate limits use the
   * resulting client address.
   */
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : v)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Question submissions per minute from one address (0: no limit). A school hall shares one address. */
  QUESTION_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  /** Question submissions per minute from one phone, site or connection (0: no limit). */
  QUESTION_LIMIT_PER_SENDER: z.coerce.number().int().min(0).default(10),
  /** Public question submissions per minute to one meeting (0: no limit). */
  QUESTION_LIMIT_PER_MEETING: z.coerce.number().int().min(0).default(DEFAULT_QUESTION_LIMITS.perMeeting),
  /** Device keys issued to public pages per address per 10 minutes (0: no limit). A school hall shares one address. */
  DEVICE_KEYS_PER_ADDRESS: z.coerce.number().int().min(0).default(DEVICE_KEY_LIMITS.perAddress),
  /** Largest socket message in bytes; a bigger one closes its connection. */
  SOCKET_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  /** Commands one connection may send per second, sustained (0: no limit), and at once. */
  SOCKET_COMMANDS_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_EVENT_LIMITS.commands.perSecond),
  SOCKET_COMMAND_BURST: z.coerce.number().int().min(1).default(DEFAULT_EVENT_LIMITS.commands.burst),
  /** Reads (clock samples, re-syncs) one connection may send per second (0: no limit), and at once. */
  SOCKET_READS_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_EVENT_LIMITS.reads.perSecond),
  SOCKET_READ_BURST: z.coerce.number().int().min(1).default(DEFAULT_EVENT_LIMITS.reads.burst),
  /** Bytes of answers one link may receive per second (0: no limit), and at once (its tabs share them; a phone has its own). */
  SOCKET_REPLY_BYTES_PER_SECOND: z.coerce.number().min(0).default(DEFAULT_EVENT_LIMITS.replyBytes!.perSecond),
  SOCKET_REPLY_BYTES_BURST: z.coerce.number().int().min(65_536).default(DEFAULT_EVENT_LIMITS.replyBytes!.burst),
  /** Messages refused within ten seconds after which a connection is closed. */
  SOCKET_REFUSALS_BEFORE_DISCONNECT: z.coerce.number().int().min(1).default(DEFAULT_EVENT_LIMITS.refusalsBeforeDisconnect),
  /**
   * Socket connections open at once from one address (0: no cap). Generous: a school hall, or a
   * whole district's offices, can share one public address.
   */
  CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(2_000),
  /** Reads of the public question page per address per minute. */
  PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).default(1_200),
  /** Benchmark baseline only: `false` acknowledges questions without storing them. */
  PERSIST_QUESTIONS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** The LiveKit server browsers connect to (wss://…): the video bridge. All three LIVEKIT_* or none. */
  LIVEKIT_URL: z.url().optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(1).optional(),
  /** Where the server calls LiveKit's API when it differs from LIVEKIT_URL (e.g. http://livekit:7880 inside Docker). */
  LIVEKIT_API_URL: z.url().optional(),
  /**
   * Several nodes: the Redis they share (redis://[:password@]host:port[/db], rediss:// for
   * TLS). Broadcasts, presence and rate limits then hold across nodes (docs/deploy.md).
   */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/.+/, 'REDIS_URL must look like redis://host:6379 (or rediss:// for TLS)')
    .optional(),
  /** Built client to serve; empty disables static serving (tests of the API alone). */
  CLIENT_DIR: z.string().default(path.resolve('client/dist')),
});
export type Config = z.infer<typeof Config>;

/** The LiveKit settings when all three are set; null when none is; an error naming what is missing otherwise. */
export function liveKitConfig(config: Config): { url: string; apiUrl: string; apiKey: string; apiSecret: string } | null {
  const { LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret } = config;
  if (!url && !apiKey && !apiSecret) return null;
  const missing = Object.entries({ LIVEKIT_URL: url, LIVEKIT_API_KEY: apiKey, LIVEKIT_API_SECRET: apiSecret }).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 || !url || !apiKey || !apiSecret) throw new Error(`Invalid configuration: the video bridge needs ${missing.join(', ')} as well (or none of the LIVEKIT_* settings).`);
  return { url, apiKey, apiSecret, apiUrl: config.LIVEKIT_API_URL ?? url.replace(/^ws/, 'http') };
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const { DATA_DIR, CLIENT_DIR } = parsed.data;
  const inside = path.relative(path.resolve(CLIENT_DIR), path.resolve(DATA_DIR));
  if (CLIENT_DIR && !inside.startsWith('..') && !path.isAbsolute(inside)) {
    throw new Error(`Invalid configuration:\n  DATA_DIR (${DATA_DIR}) is inside CLIENT_DIR (${CLIENT_DIR}): the database would be served to anyone. Choose a data folder outside the client's files.`);
  }
  return parsed.data;
}

/** Each connection's message budgets from the settings (a budget of 0 per second is off). */
export function eventLimits(config: Config): EventLimits {
  return {
    commands: { perSecond: config.SOCKET_COMMANDS_PER_SECOND, burst: config.SOCKET_COMMAND_BURST },
    reads: { perSecond: config.SOCKET_READS_PER_SECOND, burst: config.SOCKET_READ_BURST },
    replyBytes: { perSecond: config.SOCKET_REPLY_BYTES_PER_SECOND, burst: config.SOCKET_REPLY_BYTES_BURST },
    refusalsBeforeDisconnect: config.SOCKET_REFUSALS_BEFORE_DISCONNECT,
  };
}

/** The app's settings from the environment's (shared by the server and `npm run links`). */
export function appConfig(config: Config) {
  return {
    adminToken: config.ADMIN_TOKEN,
    clientDir: config.CLIENT_DIR,
    trustProxy: config.TRUST_PROXY,
    persistQuestions: config.PERSIST_QUESTIONS,
    questionLimits: { ...DEFAULT_QUESTION_LIMITS, perAddress: config.QUESTION_LIMIT_PER_ADDRESS, perSender: config.QUESTION_LIMIT_PER_SENDER, perMeeting: config.QUESTION_LIMIT_PER_MEETING },
    deviceKeysPerAddress: config.DEVICE_KEYS_PER_ADDRESS,
    liveKit: liveKitConfig(config),
    maxMessageBytes: config.SOCKET_MAX_MESSAGE_BYTES,
    eventLimits: eventLimits(config),
    publicReadsPerMinute: config.PUBLIC_READS_PER_MINUTE,
    connectionsPerAddress: config.CONNECTIONS_PER_ADDRESS,
  };
}
