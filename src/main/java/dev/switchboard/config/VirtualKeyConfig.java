package dev.switchboard.config;

import java.util.List;

/**
 * A virtual key declared in the config file.
 *
 * @param models globs over model names the key may use; empty means all
 */
public record VirtualKeyConfig(String name, String key, List<String> models) {
    public VirtualKeyConfig {
        models = List.copyOf(models);
    }

    @Override
    public String toString() {
        return "VirtualKeyConfig[name=" + name + ", key=" + Secrets.mask(key) + ", models=" + models + "]";
    }
}
