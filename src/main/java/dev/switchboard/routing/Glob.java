package dev.switchboard.routing;

/** Shell-style globs over model names: {@code *} any run of characters (slashes too), {@code ?} one. */
public final class Glob {
    private Glob() {}

    public static boolean isGlob(String pattern) {
        return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
    }

    public static boolean matches(String pattern, String text) {
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    public static boolean anyMatches(Iterable<String> patterns, String text) {
        for (String p : patterns) {
            if (matches(p, text)) {
                return true;
            }
        }
        return false;
    }
}
