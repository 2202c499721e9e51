package dev.switchboard.cli;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How the admin commands reach a running gateway: {@code --url}, or the config's {@code server.listen};
 * the admin key from {@code --admin-key}, {@code SWITCHBOARD_ADMIN_KEY}, or the config's
 * {@code server.admin_key}. A key on the command line is visible to other users of the machine
 * ({@code ps}); the environment variable is the better place.
 */
final class AdminConnection {
    static final String ENV_ADMIN_KEY = "SWITCHBOARD_ADMIN_KEY";
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", description = "gateway base URL (default: from --config's server.listen, else "
            + DEFAULT_URL + ")")
    String url;

    @Option(names = {"-c", "--config"}, description = "YAML config of the gateway, for its listen address and admin key")
    Path config;

    @Option(names = "--admin-key", description = "admin key (default: $" + ENV_ADMIN_KEY + ", else the config's)")
    String adminKey;

    /** @throws CliException when no admin key can be found or the config does not load */
    AdminHttpClient connect(Map<String, String> env) {
        ServerConfig server = null;
        if (config != null) {
            try {
                GatewayConfig cfg = ConfigLoader.load(config, env);
                server = cfg.server();
            } catch (ConfigException e) {
                throw new CliException(e.getMessage());
            }
        }
        String base = url != null ? url : server != null ? "http://" + reachable(server) : DEFAULT_URL;
        String key = adminKey != null ? adminKey : env.get(ENV_ADMIN_KEY);
        if ((key == null || key.isBlank()) && server != null) {
            key = server.adminKey();
        }
        if (key == null || key.isBlank()) {
            throw new CliException("no admin key: set " + ENV_ADMIN_KEY + " (or pass --admin-key, or --config with "
                    + "server.admin_key)");
        }
        return new AdminHttpClient(base.replaceAll("/+$", ""), key.strip());
    }

    /** A wildcard listen address accepts on every interface; the CLI calls the loopback one. */
    private static String reachable(ServerConfig server) {
        String host = switch (server.host()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> server.host();
        };
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }
}
