package dev.switchboard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV export of grouped usage (RFC 4180 quoting). Text cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) get a leading apostrophe: key and project names are user input.
 */
public final class UsageCsv {
    public static final String HEADER = "group,label,requests,errors,input_tokens,output_tokens,cache_read_tokens,"
            + "cache_write_tokens,reasoning_tokens,estimated,cost_usd";

    private UsageCsv() {}

    public static void write(List<UsageGroup> groups, Writer out) {
        try {
            out.write(HEADER);
            out.write("\r\n");
            for (UsageGroup g : groups) {
                UsageTotals t = g.totals();
                out.write(text(g.group()) + "," + text(g.label()) + "," + t.requests() + "," + t.errors() + ","
                        + t.inputTokens() + "," + t.outputTokens() + "," + t.cacheReadTokens() + ","
                        + t.cacheWriteTokens() + "," + t.reasoningTokens() + "," + t.estimated() + ","
                        + t.costUsd().toPlainString() + "\r\n");
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || !v.equals(value)) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
