package dev.switchboard.tenancy;

import java.util.regex.Pattern;

/**
 * Exception text fit for a log line. Driver messages can quote a connection URL with its password, and
 * a failing query can quote a key; both are masked here before anything is logged.
 */
final class LogSafe {
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]*:)[^@\\s]+@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&\\s;,]+");
    private static final Pattern KEY = Pattern.compile("sk-[A-Za-z0-9_-]{8,}");

    private LogSafe() {}

    static String describe(Throwable e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + mask(message));
        return e.getCause() == null || e.getCause() == e ? text : text + " (caused by " + describe(e.getCause()) + ")";
    }

    static String mask(String text) {
        String t = URL_PASSWORD.matcher(text).replaceAll("$1****@");
        t = PASSWORD_PARAM.matcher(t).replaceAll("$1****");
        return KEY.matcher(t).replaceAll("sk-****");
    }
}
