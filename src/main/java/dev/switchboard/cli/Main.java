package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code switchboard run|validate|version|keys|usage}. */
@Command(
        name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Self-hosted LLM API gateway.",
        subcommands = {RunCommand.class, ValidateCommand.class, VersionCommand.class, KeysCommand.class,
            UsageCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
