package dev.switchboard.pipeline;

/**
 * Formats one JSON line per request. It carries names and numbers only: the key's name, never the
 * key; the model, never the prompt. Written by hand with a StringBuilder because it runs for every
 * request on the event loop and a generator per line costs several times more. Lines go to an
 * {@link AccessLogSink}, which batches the writes off the event loop.
 */
public final class AccessLog {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final AccessLogSink sink;

    public AccessLog(AccessLogSink sink) {
        this.sink = sink;
    }

    public void write(RequestRecord r) {
        if (!sink.enabled()) {
            return;
        }
        StringBuilder b = new StringBuilder(400);
        b.append('{');
        string(b, "ts", r.startedAt().toString()).append(',');
        string(b, "request_id", r.requestId()).append(',');
        string(b, "client_request_id", r.clientRequestId()).append(',');
        string(b, "key", r.keyName()).append(',');
        string(b, "endpoint", r.endpoint().label()).append(',');
        string(b, "model", r.requestedModel()).append(',');
        string(b, "provider", r.provider()).append(',');
        string(b, "upstream_model", r.upstreamModel()).append(',');
        b.append("\"stream\":").append(r.stream()).append(',');
        b.append("\"status\":").append(r.status()).append(',');
        string(b, "outcome", r.outcome()).append(',');
        b.append("\"attempts\":").append(r.attempts()).append(',');
        if (r.usage() != null) {
            b.append("\"input_tokens\":").append(r.usage().input()).append(',');
            b.append("\"output_tokens\":").append(r.usage().output()).append(',');
            b.append("\"cached_tokens\":").append(r.usage().cacheRead()).append(',');
            b.append("\"reasoning_tokens\":").append(r.usage().reasoning()).append(',');
        }
        millis(b, "total_ms", r.totalMillis()).append(',');
        millis(b, "ttfb_ms", r.ttfbMillis()).append(',');
        millis(b, "upstream_ms", r.upstreamMillis());
        b.append('}');
        sink.offer(b.toString());
    }

    private static StringBuilder string(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            return b.append("null");
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }

    /** Milliseconds with two decimals, or -1 when the moment never came. */
    private static StringBuilder millis(StringBuilder b, String name, double ms) {
        b.append('"').append(name).append("\":");
        if (ms < 0) {
            return b.append(-1);
        }
        long hundredths = Math.round(ms * 100);
        b.append(hundredths / 100).append('.');
        long frac = hundredths % 100;
        if (frac < 10) {
            b.append('0');
        }
        return b.append(frac);
    }
}
