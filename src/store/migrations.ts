import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { PolityError } from '../kernel/errors.ts';
import type { Dialect } from './types.ts';

/**
 * Migrations are code, one list for both databases; the only difference is how an exact
 * amount is stored (TEXT of base units in SQLite, NUMERIC(78,0) in PostgreSQL).
 */
function initialSchema(dialect: Dialect): Migration {
  const amount = dialect === 'postgres' ? sql`numeric(78,0)` : sql`text`;
  // The hot tables are stored in their primary-key B-tree alone in SQLite (no rowid plus
  // key index): one B-tree write per row instead of two.
  const clustered = dialect === 'sqlite' ? sql`without rowid` : sql``;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('log')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('command_type', 'text', (c) => c.notNull())
        .addColumn('body_json', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('log_pk', ['dao_id', 'seq'])
        .execute();
      if (dialect === 'postgres') {
        // Log bodies are large JSON texts written once: pglz compression of them cost more
        // than the rest of a group commit. Stored out of line, uncompressed.
        await sql`ALTER TABLE log ALTER COLUMN body_json SET STORAGE EXTERNAL`.execute(db);
      }
      await db.schema
        .createTable('snapshots')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('state_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('snapshots_pk', ['dao_id', 'seq'])
        .execute();
      await db.schema
        .createTable('assets')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('symbol', 'text', (c) => c.notNull())
        .addColumn('decimals', 'integer', (c) => c.notNull())
        .addColumn('supply', 'text', (c) => c.notNull())
        .addColumn('max_supply', amount)
        .addColumn('transferable', 'integer', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('minted', amount, (c) => c.notNull())
        .addColumn('burned', amount, (c) => c.notNull())
        .addColumn('created_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('assets_pk', ['dao_id', 'id'])
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('allow_overdraft', 'integer', (c) => c.notNull())
        .addColumn('overdraft_limit', amount)
        .addColumn('max_balance', amount)
        .addColumn('closed', 'integer', (c) => c.notNull())
        .addColumn('system', 'text')
        .addColumn('created_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('accounts_pk', ['dao_id', 'id'])
        .modifyEnd(clustered)
        .execute();
      await db.schema.createIndex('accounts_owner').on('accounts').columns(['dao_id', 'owner_id']).execute();
      await db.schema
        .createTable('transfers')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addColumn('from_id', 'text', (c) => c.notNull())
        .addColumn('to_id', 'text', (c) => c.notNull())
        .addColumn('amount', amount, (c) => c.notNull())
        .addColumn('token_id', 'text')
        .addColumn('pending', 'integer', (c) => c.notNull())
        .addColumn('timeout_seconds', 'integer')
        .addColumn('expires_at_ms', 'bigint')
        .addColumn('memo', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('posted', amount)
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('resolved_seq', 'bigint')
        .addPrimaryKeyConstraint('transfers_pk', ['dao_id', 'id'])
        .modifyEnd(clustered)
        .execute();
      await db.schema
        .createTable('balance_checkpoints')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('time_ms', 'bigint', (c) => c.notNull())
        .addColumn('balance', amount, (c) => c.notNull())
        .addPrimaryKeyConstraint('balance_checkpoints_pk', ['dao_id', 'account_id', 'seq'])
        .modifyEnd(clustered)
        .execute();
      await db.schema
        .createTable('nft_tokens')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('asset_id', 'text', (c) => c.notNull())
        .addColumn('token_id', 'text', (c) => c.notNull())
        .addColumn('owner_account_id', 'text')
        .addPrimaryKeyConstraint('nft_tokens_pk', ['dao_id', 'asset_id', 'token_id'])
        .execute();
      await db.schema
        .createTable('actors')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text')
        .addColumn('public_key', 'text')
        .addColumn('created_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('actors_pk', ['dao_id', 'id'])
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('cap_asset_id', 'text')
        .addColumn('cap_amount', amount)
        .addColumn('cap_period_seconds', 'integer')
        .addColumn('revoked', 'integer', (c) => c.notNull())
        .addColumn('created_seq', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('api_tokens_pk', ['dao_id', 'id'])
        .execute();
      await db.schema
        .createTable('grants')
        .addColumn('dao_id', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('grants_pk', ['dao_id', 'actor_id', 'action', 'resource'])
        .execute();
    },
  };
}

/**
 * `schema` names the PostgreSQL schema that holds the tables: Kysely looks for its
 * migration tables in every schema unless told, and would find another DAO's.
 */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect, schema?: string): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => ({ '0001_initial': initialSchema(dialect) }) };
  const migrator = new Migrator(schema ? { db, provider, migrationTableSchema: schema } : { db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new PolityError('migration_failed', `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
