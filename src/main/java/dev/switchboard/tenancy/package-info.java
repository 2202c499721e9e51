/**
 * Who may call and how much: virtual keys, projects, the key → tenant directory kept in memory, rate
 * limits, request caps and budgets, and the cipher for provider credentials at rest.
 *
 * <p>Nothing here waits on a database on the hot path. The {@link dev.switchboard.tenancy.TenantDirectory}
 * answers from memory and is refreshed in the background from its {@link dev.switchboard.tenancy.TenantSource}s
 * when a {@link dev.switchboard.tenancy.ChangeFeed} says something changed; {@link
 * dev.switchboard.tenancy.LimitCounters} answer from memory or with one Redis round trip.
 *
 * <p>Status codes, as clients see them: unknown, expired or revoked key → 401; key of an inactive (or
 * deleted) project → 403; over a rate, concurrency, request cap or budget → 429 (with {@code Retry-After}
 * when the limit resets).
 */
package dev.switchboard.tenancy;
