package dev.switchboard.config;

/** Builds the dotted paths used in problems: {@code providers.claude.keys[1]}. */
final class ConfigPath {
    private ConfigPath() {}

    static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
