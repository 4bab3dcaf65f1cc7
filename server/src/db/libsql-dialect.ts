import type { Client, InValue } from '@libsql/client';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/**
 * Kysely over @libsql/client (prebuilt, no compile on install). SQLite has one writer, so
 * the driver hands out its single connection to one user at a time, and a transaction is
 * BEGIN IMMEDIATE … COMMIT on that same connection. (libsql's own `transaction()` moves the
 * client to a fresh connection, which loses the PRAGMAs set at open, busy_timeout among
 * them, and costs twice the time per commit.)
 */
export class LibsqlDialect implements Dialect {
  constructor(private readonly client: Client) {}
  createAdapter = () => new SqliteAdapter();
  createDriver = (): Driver => new LibsqlDriver(this.client);
  createIntrospector = (db: Kysely<unknown>) => new SqliteIntrospector(db);
  createQueryCompiler = () => new SqliteQueryCompiler();
}

class LibsqlConnection implements DatabaseConnection {
  constructor(private readonly client: Client) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.client.execute({ sql: compiled.sql, args: compiled.parameters as InValue[] });
    const rows = result.rows.map((row) => {
      const plain: Record<string, unknown> = {};
      result.columns.forEach((column, index) => {
        plain[column] = row[index];
      });
      return plain as R;
    });
    return {
      rows,
      numAffectedRows: BigInt(result.rowsAffected),
      insertId: result.lastInsertRowid,
    };
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

  constructor(private readonly client: Client) {
    this.connection = new LibsqlConnection(client);
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
    await this.client.execute('BEGIN IMMEDIATE');
  }

  async commitTransaction(): Promise<void> {
    await this.client.execute('COMMIT');
  }

  async rollbackTransaction(): Promise<void> {
    await this.client.execute('ROLLBACK');
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    this.client.close();
  }
}
