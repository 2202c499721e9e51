package dev.switchboard.pipeline;

import java.util.Map;

/**
 * The two ids of one request.
 *
 * @param own    the gateway's id ({@link RequestIds#create()}): unique, the usage record's key, always
 *               returned in {@code X-Switchboard-Request-Id}
 * @param client the client's {@code X-Request-ID} when it sent a sane one, else null: kept for tracing
 *               and stored beside the record, never trusted to be unique
 */
record RequestId(String own, String client) {
    static final String HEADER = "x-request-id";
    static final String OWN_HEADER = "x-switchboard-request-id";

    /** The id a client offered (if sane) beside a new one of our own. */
    static RequestId of(RequestIds ids, String offered) {
        return new RequestId(ids.create(), RequestIds.clientOffered(offered));
    }

    /** What {@code X-Request-ID} carries back to the client and on to the provider: the client's id, else ours. */
    String traced() {
        return client != null ? client : own;
    }

    /** Names the request in a response: the traced id and the gateway's own. */
    void putHeaders(Map<String, String> headers) {
        headers.put(HEADER, traced());
        headers.put(OWN_HEADER, own);
    }
}
