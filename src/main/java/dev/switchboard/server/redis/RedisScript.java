package dev.switchboard.server.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 (EVALSHA), sending the text only when the server does not have it yet
 * (after a restart or a SCRIPT FLUSH): the hot path sends a few dozen bytes, not the script. The
 * pipeline loads it on every new connection ({@link #loadRequest}), so EVALSHA finds it there.
 */
final class RedisScript {
    private final String text;
    private final String sha;

    private RedisScript(String text) {
        this.text = text;
        this.sha = sha1(text);
    }

    static RedisScript of(String text) {
        return new RedisScript(text);
    }

    /** @param resource next to this class, e.g. {@code admit.lua} */
    static RedisScript load(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For a caller that waits for the answer: written at the end of this event-loop turn. */
    Future<Response> run(RedisPipeline redis, List<String> keys, List<String> args) {
        return run(redis, keys, args, Dispatch.THIS_TURN);
    }

    Future<Response> run(RedisPipeline redis, List<String> keys, List<String> args, Dispatch when) {
        Request evalsha = command(Command.EVALSHA, sha, keys, args);
        return redis.send(evalsha, when).recover(e -> {
            String m = e.getMessage();
            return m != null && m.startsWith("NOSCRIPT") ? redis.send(command(Command.EVAL, text, keys, args))
                    : Future.failedFuture(e);
        });
    }

    Request loadRequest() {
        return Request.cmd(Command.SCRIPT).arg("LOAD").arg(text);
    }

    private static Request command(Command command, String script, List<String> keys, List<String> args) {
        Request r = Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(r::arg);
        args.forEach(r::arg);
        return r;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
