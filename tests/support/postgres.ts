import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A throw-away PostgreSQL cluster for tests: `initdb` into a temp folder, `pg_ctl start` on a
 * free port of 127.0.0.1 (its unix socket in that folder, fsync off), trust authentication.
 * As root (initdb refuses root) the server binaries run as the `postgres` system user that the
 * Debian package creates. `scripts/test.sh` installs the package when it is missing.
 */
export type RunningPostgres = {
  /** URL of the cluster's `postgres` database (connect as user `postgres`, no password). */
  url: string;
  /** Stops the cluster and removes its folder. */
  stop(): Promise<void>;
};

/** Where initdb and pg_ctl are: $PG_BINDIR, `pg_config --bindir`, the newest /usr/lib/postgresql/N/bin, or PATH. */
export function postgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // pg_config comes with libpq-dev, not always installed
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(debian, version, 'bin'));
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  const found = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install the Debian package `postgresql`, or set PG_BINDIR.');
  return found;
}

/** Runs a server binary, as the `postgres` user when we are root. */
function runPostgresBinary(bin: string, args: string[], asPostgres: boolean): string {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(bin)} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a fresh cluster; call `stop()` when done (it is also stopped if the process exits first). */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'diemcau-pg-'));
  if (asPostgres) {
    let uid: number;
    let gid: number;
    try {
      uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error('Running as root, and initdb refuses root: the `postgres` system user (from the Debian package `postgresql`) is needed.');
    }
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const pgCtl = path.join(bin, 'pg_ctl');
  let started = false;
  const stopNow = () => {
    if (started) {
      started = false;
      try {
        runPostgresBinary(pgCtl, ['stop', '-D', data, '-m', 'immediate', '-w'], asPostgres);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  try {
    runPostgresBinary(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'], asPostgres);
    // A port taken between our check and the server's bind fails the start: try a few.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const options = [
        `-c port=${port}`,
        '-c listen_addresses=127.0.0.1',
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=300',
      ].join(' ');
      try {
        runPostgresBinary(pgCtl, ['start', '-D', data, '-w', '-t', '60', '-l', path.join(dir, 'server.log'), '-o', options], asPostgres);
        started = true;
        const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
        return {
          url,
          async stop() {
            process.removeListener('exit', stopNow);
            stopNow();
          },
        };
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}

/** The URL of database `name` on the same server as `url`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs one statement on the server's `postgres` database. */
async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty database (named `name`, or a fresh random one) on the server of `serverUrl`
 * and returns its URL. `template` copies a database instead (cheap: a file copy).
 */
export async function createDatabase(serverUrl: string, options: { name?: string; template?: string } = {}): Promise<string> {
  const name = options.name ?? `diemcau_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  await admin(serverUrl, `CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''} STRATEGY FILE_COPY`);
  return databaseUrl(serverUrl, name);
}

/** Drops a database made by `createDatabase` (connections to it are closed first). */
export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
