package dev.switchboard.cli;

import dev.switchboard.config.ConfigDescription;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", description = "Check a config file and print what it resolves to (keys masked).")
final class ValidateCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, description = "YAML config file")
    Path config;

    @Override
    public Integer call() {
        try {
            GatewayConfig cfg = ConfigLoader.load(config, System.getenv());
            System.out.print(ConfigDescription.describe(cfg));
            System.out.println("config OK: " + config);
            return 0;
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
