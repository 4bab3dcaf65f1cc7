import type { Kysely, Migration } from 'kysely';

/**
 * Schema history, oldest first. Never edit a migration that has shipped: add one. The same
 * migrations run on SQLite and PostgreSQL (kysely's schema builder); a branch by database only
 * where it cannot be helped, small and named.
 *
 * Times are milliseconds since the epoch in `bigint` columns: PostgreSQL's `integer` is 32-bit.
 * (They were declared `integer` before PostgreSQL came; on SQLite both names mean the same
 * 64-bit INTEGER affinity, so databases made then are unchanged.)
 */
export const migrations: Record<string, Migration> = {
  '0001_meetings': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('meetings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('starts_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('meeting_events')
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('input', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('meeting_events_pk', ['meeting_id', 'rev'])
        .execute();
      await db.schema
        .createTable('access_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('pin', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('access_tokens_meeting').on('access_tokens').columns(['meeting_id', 'role']).execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002_sites': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('access_tokens').addColumn('subject_id', 'text').execute();
      await db.schema.createIndex('access_tokens_pin').on('access_tokens').columns(['meeting_id', 'pin']).execute();
      await db.schema
        .createTable('sites')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('folded_name', 'text', (c) => c.notNull())
        .addColumn('group_name', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('expected_headcount', 'integer')
        .addColumn('checked_in_at', 'bigint')
        .addColumn('representative', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('representative_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('headcount', 'integer')
        .addColumn('readiness', 'text', (c) => c.notNull().defaultTo('unknown'))
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status_at', 'bigint')
        .addColumn('last_seen_at', 'bigint')
        .addColumn('disconnections', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_meeting').on('sites').columns(['meeting_id', 'position']).execute();
      await db.schema.createIndex('sites_meeting_name').on('sites').columns(['meeting_id', 'folded_name']).unique().execute();
      await db.schema
        .createTable('attendance_events')
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('attendance_events_meeting').on('attendance_events').columns(['meeting_id', 'at']).execute();
      await db.schema
        .createTable('roll_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .execute();
      await db.schema.createIndex('roll_calls_meeting').on('roll_calls').columns(['meeting_id', 'started_at']).execute();
      await db.schema
        .createTable('roll_call_answers')
        .addColumn('roll_call_id', 'text', (c) => c.notNull())
        .addColumn('site_id', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addColumn('headcount', 'integer')
        .addPrimaryKeyConstraint('roll_call_answers_pk', ['roll_call_id', 'site_id'])
        .execute();
      await db.schema.createIndex('roll_call_answers_meeting').on('roll_call_answers').columns(['meeting_id']).execute();
    },
  },
  '0003_token_subject_index': {
    async up(db: Kysely<unknown>) {
      // Issuing a site's link revokes its earlier ones by (meeting, site): without this index
      // importing 3,000 sites scanned the meeting's tokens once per site.
      await db.schema.createIndex('access_tokens_subject').on('access_tokens').columns(['meeting_id', 'subject_id']).execute();
    },
  },
  '0004_questions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('questions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('sender_key', 'text')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('office_id', 'text')
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('original_text', 'text', (c) => c.notNull())
        .addColumn('sender_name', 'text', (c) => c.notNull())
        .addColumn('sender_unit', 'text', (c) => c.notNull())
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('site_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('visible', 'integer', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull())
        .addColumn('answer', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('answered_by', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('answered_at', 'bigint')
        .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('merged_into', 'text')
        .addColumn('merged_count', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // A retried submission (same device key) is found, not inserted twice.
      await db.schema.createIndex('questions_client').on('questions').columns(['meeting_id', 'client_id']).unique().execute();
      await db.schema.createIndex('questions_meeting').on('questions').columns(['meeting_id', 'created_at']).execute();
      await db.schema.createIndex('questions_sender').on('questions').columns(['meeting_id', 'sender_key']).execute();
      await db.schema.createIndex('questions_site').on('questions').columns(['meeting_id', 'site_id']).execute();
      await db.schema.createIndex('questions_office').on('questions').columns(['meeting_id', 'office_id']).execute();
      await db.schema
        .createTable('question_votes')
        .addColumn('question_id', 'text', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('meeting_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('question_votes_pk', ['question_id', 'voter'])
        .execute();
    },
  },
  // When the organisers took note of a site's reported problem (null: not yet, or no problem).
  '0005_site_problem_ack': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sites').addColumn('problem_acked_at', 'bigint').execute();
    },
  },
};
