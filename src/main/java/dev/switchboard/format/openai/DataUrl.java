package dev.switchboard.format.openai;

/**
 * A base64 {@code data:} URL, the way OpenAI carries inline images and files
 * ({@code data:image/png;base64,iVBOR...}). Other formats keep media type and bytes apart.
 */
public record DataUrl(String mediaType, String data) {
    private static final String BASE64 = ";base64,";

    /** The parts of a base64 data URL, or null when {@code url} is an ordinary URL. */
    public static DataUrl parse(String url) {
        if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        int marker = url.indexOf(BASE64);
        if (marker < 0) {
            return null;
        }
        String type = url.substring(5, marker);
        return new DataUrl(type.isEmpty() ? null : type, url.substring(marker + BASE64.length()));
    }

    public static String of(String mediaType, String data) {
        return "data:" + (mediaType == null ? "application/octet-stream" : mediaType) + BASE64 + data;
    }

    public String url() {
        return of(mediaType, data);
    }
}
