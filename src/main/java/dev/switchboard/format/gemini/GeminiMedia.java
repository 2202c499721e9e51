package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.Part;
import java.util.Locale;

/**
 * Media parts: Gemini's {@code inlineData {mimeType, data}} (base64) and {@code fileData {mimeType,
 * fileUri}} against the canonical Image, Audio and Document parts. The MIME type picks the kind.
 */
final class GeminiMedia {
    private GeminiMedia() {}

    static Part read(String mime, String data, String uri) {
        String type = mime != null ? mime.toLowerCase(Locale.ROOT) : guess(uri);
        if (type == null || type.startsWith("image/")) {
            return new Part.Image(uri, data, mime != null ? mime : type);
        }
        if (type.startsWith("audio/") && data != null) {
            return new Part.Audio(data, audioFormat(type));
        }
        return new Part.Document(uri, data, mime, null);
    }

    /** The Gemini part for a media part, or null when {@code part} is not media. */
    static ObjectNode write(Part part, String path) {
        return switch (part) {
            case Part.Image img -> img.inline()
                    ? inline(img.mediaType() != null ? img.mediaType() : "image/png", img.data())
                    : url(img.url(), img.mediaType(), path);
            case Part.Audio a -> inline("audio/" + (a.format() == null ? "wav" : a.format()), a.data());
            case Part.Document d -> d.data() != null ? inline(d.mediaType() != null ? d.mediaType() : "application/pdf",
                    d.data()) : url(d.url(), d.mediaType(), path);
            default -> null;
        };
    }

    private static ObjectNode url(String url, String mediaType, String path) {
        if (url == null || url.isEmpty()) {
            throw GatewayError.invalid("'" + path + "' has neither data nor a URL", path);
        }
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            int semi = url.indexOf(";base64");
            if (comma < 0 || semi < 0 || semi > comma) {
                throw GatewayError.invalid("'" + path + "' is a data URL that is not base64", path);
            }
            return inline(url.substring(5, semi), url.substring(comma + 1));
        }
        ObjectNode part = GeminiJson.object();
        ObjectNode file = part.putObject("fileData");
        String mime = mediaType != null ? mediaType : guess(url);
        if (mime != null) {
            file.put("mimeType", mime);
        }
        file.put("fileUri", url);
        return part;
    }

    private static ObjectNode inline(String mime, String data) {
        ObjectNode part = GeminiJson.object();
        part.putObject("inlineData").put("mimeType", mime).put("data", data);
        return part;
    }

    private static String audioFormat(String mime) {
        String sub = mime.substring("audio/".length());
        return switch (sub) {
            case "mpeg", "mp3", "mpeg3", "x-mpeg-3" -> "mp3";
            case "wav", "x-wav", "wave", "vnd.wave" -> "wav";
            default -> sub;
        };
    }

    /** A MIME type from a URL's extension, for links that came without one. */
    static String guess(String url) {
        if (url == null) {
            return null;
        }
        String path = url.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1);
        return switch (ext) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "heic" -> "image/heic";
            case "pdf" -> "application/pdf";
            case "mp3" -> "audio/mp3";
            case "wav" -> "audio/wav";
            case "mp4" -> "video/mp4";
            default -> null;
        };
    }
}
