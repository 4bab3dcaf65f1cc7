import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Libsql from 'libsql';
import { type Generated, Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, PostgresDialect } from 'kysely';
import pg from 'pg';
import { LibsqlDialect } from './libsql-dialect';
import { migrations } from './migrations';

/** Row types of every table: the only description of the schema the queries see. */
export interface Database {
  meetings: {
    id: string;
    code: string;
    rev: number;
    /** MeetingState as JSON. */
    state: string;
    /** Copies of a few state fields, kept for listing and search without parsing every state. */
    title: string;
    starts_on: string;
    status: string;
    /** Title, organiser and reference folded (lower case, no diacritics) for search. */
    search_text: string;
    created_at: number;
    updated_at: number;
  };
  /** One row per applied command, in revision order: the meeting's journal. */
  meeting_events: {
    meeting_id: string;
    rev: number;
    name: string;
    input: string;
    at: number;
  };
  access_tokens: {
    id: string;
    meeting_id: string | null;
    role: string;
    /** The site a site token acts for. */
    subject_id: string | null;
    secret: string;
    pin: string | null;
    created_at: number;
    revoked_at: number | null;
  };
  /** A meeting's bridge sites, with their own report (check-in, headcount, readiness). */
  sites: {
    id: string;
    meeting_id: string;
    position: number;
    name: string;
    /** Name folded (lower case, no diacritics): unique per meeting, and searched. */
    folded_name: string;
    group_name: string;
    contact_name: string;
    phone: string;
    email: string;
    expected_headcount: number | null;
    checked_in_at: number | null;
    representative: Generated<string>;
    representative_title: Generated<string>;
    headcount: number | null;
    readiness: Generated<string>;
    note: Generated<string>;
    status_at: number | null;
    /** When the MC or organiser took note of the reported problem; cleared by the site's next report of its readiness. */
    problem_acked_at: number | null;
    last_seen_at: number | null;
    disconnections: Generated<number>;
    version: Generated<number>;
    created_at: number;
  };
  /** Connections, disconnections and check-ins of sites over time: the attendance timeline. */
  attendance_events: {
    meeting_id: string;
    site_id: string;
    kind: string;
    at: number;
  };
  roll_calls: {
    id: string;
    meeting_id: string;
    label: string;
    started_at: number;
    ends_at: number;
    closed_at: number | null;
  };
  roll_call_answers: {
    roll_call_id: string;
    site_id: string;
    meeting_id: string;
    answered_at: number;
    headcount: number | null;
  };
  /** Questions and feedback sent from the public page, site pages and moderators. */
  questions: {
    id: string;
    meeting_id: string;
    /** Chosen by the sender's device per submission: unique per meeting (idempotent retries). */
    client_id: string;
    /** Hash of the public sender's device key: finds "my questions" again. */
    sender_key: string | null;
    origin: string;
    category: string;
    office_id: string | null;
    text: string;
    original_text: string;
    sender_name: string;
    sender_unit: string;
    anonymous: number;
    site_id: string | null;
    status: string;
    visible: number;
    /** JSON array of the abuse-list words found. */
    flags: string;
    answer: Generated<string>;
    answered_by: Generated<string>;
    answered_at: number | null;
    votes: Generated<number>;
    merged_into: string | null;
    merged_count: Generated<number>;
    /** The sender's address (public submissions), for abuse follow-up; never shown. */
    ip: Generated<string>;
    created_at: number;
    updated_at: number;
    version: Generated<number>;
  };
  /** One row per voter per question: a vote counts once. */
  question_votes: {
    question_id: string;
    /** Hash of the voter's device key, or `site:<id>`. */
    voter: string;
    meeting_id: string;
    at: number;
  };
  settings: {
    key: string;
    value: string;
  };
}

export type Db = Kysely<Database>;

/**
 * Opens the database and brings its schema up to date: PostgreSQL when `databaseUrl` is
 * given (DATABASE_URL), otherwise an SQLite file under `dataDir`, WAL with synchronous=FULL
 * (a committed write survives a crash of the process or machine).
 */
export async function openDatabase(dataDir: string, databaseUrl?: string): Promise<Db> {
  const db = databaseUrl ? await openPostgres(databaseUrl) : await openSqlite(dataDir);
  await migrate(db);
  return db;
}

async function openSqlite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const database = new Libsql(path.join(dataDir, 'diemcau.db'));
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = FULL');
  database.exec('PRAGMA busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new LibsqlDialect(database) });
}

/**
 * int8 (timestamps in ms, count(*)) arrives from `pg` as a string, to keep precision past
 * 2^53; ours are milliseconds and counts, far below it, so they are read as numbers as on SQLite.
 */
const INT8_OID = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** The URL without its password, for messages and logs. */
export function describeDatabase(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return path.join(dataDir, 'diemcau.db');
  const url = new URL(databaseUrl);
  url.password = '';
  return url.toString();
}

async function openPostgres(databaseUrl: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, types: pgTypes });
  // A server dropping an idle connection must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(`cannot connect to PostgreSQL at ${describeDatabase(databaseUrl, '')} (DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`);
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** True on PostgreSQL: for the few statements that must differ between the two databases. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

class InCodeMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

async function migrate(db: Db): Promise<void> {
  const migrator = new Migrator({ db, provider: new InCodeMigrations() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
