package dev.switchboard.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration file into an immutable {@link GatewayConfig}, or fails with every problem it
 * found, each naming its path and line. Pure: no global state, and the environment is a parameter so
 * that reloads and tests see exactly the variables they are given.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** @param env usually {@code System.getenv()} */
    public static GatewayConfig load(Path file, Map<String, String> env) throws ConfigException {
        return load(file, env, BaseUrlPolicy.SYSTEM_RESOLVER);
    }

    /** As {@link #load(Path, Map)}, with a resolver for the base URL checks (tests, offline validation). */
    public static GatewayConfig load(Path file, Map<String, String> env, BaseUrlPolicy.Resolver resolver)
            throws ConfigException {
        String source = file.toString();
        String text;
        try {
            if (Files.size(file) > YamlReader.MAX_CHARS) {
                throw single(source, "file is larger than " + YamlReader.MAX_CHARS + " bytes");
            }
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw single(source, "file not found");
        } catch (CharacterCodingException e) {
            throw single(source, "file is not valid UTF-8");
        } catch (IOException e) {
            throw single(source, "cannot read file: " + e.getMessage());
        }
        return parse(text, source, env, resolver);
    }

    /** @param sourceName shown in the exception message, e.g. the file name */
    public static GatewayConfig parse(String yamlText, String sourceName, Map<String, String> env)
            throws ConfigException {
        return parse(yamlText, sourceName, env, BaseUrlPolicy.SYSTEM_RESOLVER);
    }

    public static GatewayConfig parse(
            String yamlText, String sourceName, Map<String, String> env, BaseUrlPolicy.Resolver resolver)
            throws ConfigException {
        Problems problems = new Problems();
        YamlReader reader = new YamlReader(problems);
        YamlNode root = reader.read(yamlText);
        GatewayConfig config = null;
        // A syntax error leaves no tree; a duplicate key leaves a good one, and reporting binding
        // problems as well saves the user a round trip.
        if ((root != null || problems.isEmpty()) && reader.bindable()) {
            config = ConfigBinder.bind(new Binding(env, problems, resolver), root);
        }
        if (!problems.isEmpty() || config == null) {
            throw new ConfigException(sourceName, problems.sorted());
        }
        return config;
    }

    private static ConfigException single(String source, String message) {
        return new ConfigException(source, List.of(new ConfigProblem("", 0, message)));
    }
}
