package dev.switchboard.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sse.StreamText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The direct tree walk writes the bytes Jackson's mapper writes, for every node type. */
class JsonTextTest {

    @Test
    void writesWhatTheMapperWritesForEveryNodeType() throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("text", "quotes \" backslash \\ tab\t nl\n ctl\u0001 é 😀 \u2028 </script>");
        root.put("int", 7).put("long", 1L << 40).put("neg", -3).put("float", 1.5f).put("double", 0.1)
                .put("big", new BigDecimal("12345678901234567890.000000000001"))
                .put("bigint", new BigInteger("123456789012345678901234567890")).put("yes", true).putNull("none");
        root.put("bin", new byte[] {1, 2, 3, (byte) 0xff});
        root.putArray("list").add(1).add("two").addObject().putArray("nested").add(false);
        root.putObject("empty");
        root.putPOJO("pojo", Map.of("k", List.of(1, 2)));
        JsonNode exact = Json.EXACT.readTree("{\"n\":1.10,\"e\":1e400,\"tiny\":0.000000000000000000001}");
        for (JsonNode node : List.of(root, exact, Json.MAPPER.createArrayNode(), Json.MAPPER.getNodeFactory().textNode("x"))) {
            assertThat(JsonText.utf8(node)).isEqualTo(Json.MAPPER.writeValueAsBytes(node));
            // the byte form escapes characters beyond the BMP as surrogate pairs, the text forms keep them:
            // the same value, other bytes
            assertThat(JsonText.of(node)).isEqualTo(Json.MAPPER.writeValueAsString(node));
            assertThat(Json.EXACT.readTree(JsonText.of(node))).isEqualTo(Json.EXACT.readTree(JsonText.utf8(node)));
            // composed stream text is the text form's UTF-8, wherever in the buffer it starts
            StreamText composed = new StreamText(1).append("data: ");
            assertThat(JsonText.append(composed, node).toByteArray())
                    .isEqualTo(("data: " + JsonText.of(node)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
