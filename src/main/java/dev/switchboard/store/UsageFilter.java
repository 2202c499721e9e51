package dev.switchboard.store;

import java.time.Instant;

/**
 * Which usage rows a query covers; every field is optional (null = any). Values are always bound as
 * parameters. {@code since} is inclusive, {@code until} exclusive. {@code clientRequestId} is the client's
 * {@code X-Request-ID}, which is not unique: a filter on it may match several requests.
 */
public record UsageFilter(
        Instant since, Instant until, String keyId, String projectId, String model, String provider, String endpoint,
        String clientRequestId) {

    public static final UsageFilter ALL = new UsageFilter(null, null, null, null, null, null, null, null);

    public UsageFilter between(Instant from, Instant to) {
        return new UsageFilter(from, to, keyId, projectId, model, provider, endpoint, clientRequestId);
    }

    public UsageFilter key(String id) {
        return new UsageFilter(since, until, id, projectId, model, provider, endpoint, clientRequestId);
    }

    public UsageFilter project(String id) {
        return new UsageFilter(since, until, keyId, id, model, provider, endpoint, clientRequestId);
    }

    public UsageFilter model(String name) {
        return new UsageFilter(since, until, keyId, projectId, name, provider, endpoint, clientRequestId);
    }

    public UsageFilter provider(String name) {
        return new UsageFilter(since, until, keyId, projectId, model, name, endpoint, clientRequestId);
    }

    public UsageFilter endpoint(String name) {
        return new UsageFilter(since, until, keyId, projectId, model, provider, name, clientRequestId);
    }

    public UsageFilter clientRequestId(String id) {
        return new UsageFilter(since, until, keyId, projectId, model, provider, endpoint, id);
    }

    /** The WHERE clause over usage_records columns (aliased {@code u}). */
    Where where() {
        return new Where()
                .atLeast("u.ts", since)
                .before("u.ts", until)
                .equal("u.key_id", keyId)
                .equal("u.project_id", projectId)
                .equal("u.model", model)
                .equal("u.provider", provider)
                .equal("u.endpoint", endpoint)
                .equal("u.client_request_id", clientRequestId);
    }
}
