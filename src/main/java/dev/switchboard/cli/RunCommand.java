package dev.switchboard.cli;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.DurationParser;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.server.Gateway;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = "Run the gateway in the foreground.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("switchboard");

    @Option(names = {"-c", "--config"}, required = true, description = "YAML config file")
    Path config;

    @Option(names = "--listen", description = "HOST:PORT, overrides server.listen")
    String listen;

    @Option(names = "--data-dir", description = "where this instance keeps its usage spool, and its SQLite database when the "
            + "config names no store (default ./data); each instance on one machine needs its own")
    private java.nio.file.Path dataDir;

    @Option(names = "--dev", description = "accept calls without a virtual key (loopback listen address only)")
    boolean dev;

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig cfg;
        try {
            cfg = ConfigLoader.load(config, System.getenv());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        Gateway gateway;
        try {
            Gateway.Options options = Gateway.Options.defaults().withListen(listen).withDevMode(dev);
            if (dataDir != null) {
                options = options.withData(dataDir, cfg.storeIn(dataDir));
            }
            gateway = Gateway.start(cfg, options);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("switchboard: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: draining in-flight requests for up to {}", DurationParser.format(cfg.server().shutdownGrace()));
            gateway.stop(cfg.server().shutdownGrace());
            LOG.info("stopped");
            stopped.countDown();
        }, "switchboard-shutdown"));
        String host = listen != null ? listen : cfg.server().listen();
        LOG.info("Switchboard {} listening on {} (port {}), {} providers, {} virtual keys{}", VersionCommand.version(),
                host, gateway.port(), cfg.providers().size(), cfg.keys().size(), dev ? ", DEV MODE: no key required" : "");
        stopped.await();
        return 0;
    }
}
