/**
 * The database behind tenancy and accounting, on SQLite (embedded default) or PostgreSQL.
 *
 * <p>Entry point: {@link dev.switchboard.store.Store#open(String)} with the config's {@code store:} URL,
 * then {@link dev.switchboard.store.Store#migrate()} once at start (Flyway, per-dialect migrations under
 * {@code db/migration/<dialect>} with the same versions and table shapes), then the repositories:
 * {@code projects()}, {@code keys()}, {@code credentials()}, {@code usage()}, {@code requestLog()},
 * {@code audit()}. Repositories use their own row records and import nothing else of Switchboard.
 *
 * <p>Conventions: timestamps are epoch milliseconds (UTC), money is whole nano-dollars
 * ({@link dev.switchboard.store.UsdNanos}), name lists are JSON arrays (null = all). All SQL is
 * parameterised; grouping and filtering pick columns from enums and records, never from input text.
 * Failures surface as the unchecked {@link dev.switchboard.store.StoreException}.
 */
package dev.switchboard.store;
