import path from 'node:path';
import { z } from 'zod';

/** Settings from the environment, checked at start so a typo fails fast with its name. */
export const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default(path.resolve('data')),
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
  /** Benchmark baseline only: `false` acknowledges questions without storing them. */
  PERSIST_QUESTIONS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Built client to serve; empty disables static serving (tests of the API alone). */
  CLIENT_DIR: z.string().default(path.resolve('client/dist')),
});
export type Config = z.infer<typeof Config>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  return parsed.data;
}
