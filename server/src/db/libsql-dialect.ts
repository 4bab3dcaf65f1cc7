import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type Libsql from 'libsql';

type Statement = Libsql.Statement<unknown[]>;

/**
 * Kysely over `libsql` (SQLite, prebuilt: nothing compiles on install), on one connection.
 * SQLite has one writer, so the driver hands that connection to one user at a time, and a
 * transaction is BEGIN IMMEDIATE … COMMIT on it.
 *
 * Straight on `libsql` rather than through `@libsql/client`: the client prepares every
 * statement anew and builds each row twice. A connection keeps its statements prepared, by
 * SQL text: the reconnection of 3,000 sites spent a fifth of the server's CPU there.
 * Integers come back as JS numbers (ours are milliseconds and counts, far below 2^53).
 */
export class LibsqlDialect implements Dialect {
  constructor(private readonly database: Libsql.Database) {}
  createAdapter = () => new SqliteAdapter();
  createDriver = (): Driver => new LibsqlDriver(this.database);
  createIntrospector = (db: Kysely<unknown>) => new SqliteIntrospector(db);
  createQueryCompiler = () => new SqliteQueryCompiler();
}

/** How many prepared statements a connection keeps (the app has a few hundred distinct ones; IN lists of many lengths come and go). */
const STATEMENTS_KEPT = 1_000;

/** A value as SQLite binds it, the way @libsql/client converted them: booleans as 0/1, dates as epoch ms. */
function toSql(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return value;
}

class LibsqlConnection implements DatabaseConnection {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: Libsql.Database) {}

  /** The statement prepared for `sql`, prepared now the first time; the oldest is dropped past the limit. */
  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement) return statement;
    statement = this.database.prepare(sql);
    if (this.statements.size >= STATEMENTS_KEPT) this.statements.delete(this.statements.keys().next().value!);
    this.statements.set(sql, statement);
    return statement;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.statement(compiled.sql);
    const args = compiled.parameters.map(toSql);
    if (statement.reader) return { rows: statement.all(args) as R[] };
    const info = statement.run(args);
    return { rows: [], numAffectedRows: BigInt(info.changes), insertId: BigInt(info.lastInsertRowid) };
  }

  /** Runs SQL without a result (transaction control, PRAGMAs). */
  exec(sql: string): void {
    this.database.exec(sql);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the libsql driver');
  }
}

const ACQUIRE_LIMIT_MS = 15_000;

class LibsqlDriver implements Driver {
  private readonly connection: LibsqlConnection;
  private lock: Promise<void> = Promise.resolve();
  private release: (() => void) | null = null;

  constructor(private readonly database: Libsql.Database) {
    this.connection = new LibsqlConnection(database);
  }

  async init(): Promise<void> {}

  /**
   * Waits for the single connection. A query made outside an open transaction (on `db`
   * instead of `tx`) would wait forever and the process would exit silently: after
   * `ACQUIRE_LIMIT_MS` it fails loudly instead.
   */
  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.lock;
    let release!: () => void;
    this.lock = new Promise<void>((resolve) => {
      release = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`database connection not free after ${ACQUIRE_LIMIT_MS} ms: a query outside its transaction?`)), ACQUIRE_LIMIT_MS);
    });
    try {
      await Promise.race([previous, stuck]);
    } catch (error) {
      void previous.then(release); // give our turn back once the holder is done
      throw error;
    } finally {
      clearTimeout(timer);
    }
    this.release = release;
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    this.connection.exec('BEGIN IMMEDIATE');
  }

  async commitTransaction(): Promise<void> {
    this.connection.exec('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    this.connection.exec('ROLLBACK');
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    this.database.close();
  }
}
