package dev.switchboard.config;

/**
 * {@code server.listen}: {@code HOST:PORT}, with IPv6 hosts in brackets ({@code [::1]:8080}). The host
 * is kept without brackets, as socket APIs want it.
 */
record ListenAddress(String host, int port) {
    static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 8080);

    /** @throws IllegalArgumentException saying what shape is expected */
    static ListenAddress parse(String text) {
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw invalid(s);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (!host.contains(":")) {
                throw new IllegalArgumentException("'" + s + "': brackets are only for IPv6 hosts");
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw invalid(s);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (host.contains(":")) {
                throw new IllegalArgumentException("'" + s + "': write an IPv6 host in brackets, e.g. [::1]:8080");
            }
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> c > ' ' && c < 0x7f && c != '/' && c != '@')) {
            throw invalid(s);
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("'" + s + "': port must be a number from 0 to 65535");
        }
        return new ListenAddress(host, Integer.parseInt(port));
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("invalid listen address '" + s + "': use HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080");
    }
}
