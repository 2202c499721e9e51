package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.chat.StreamEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * Text chunks are written around a per-stream envelope, not by Jackson; whatever the text holds, the chunk
 * must be the bytes Jackson writes for the same tree (the parameterised cases in OpenAiChatStreamTextTest
 * pick the texts by hand, these generate them).
 */
class OpenAiChatStreamTextProperties {

    @Property(tries = 400)
    void anyTextIsWrittenAsJacksonWritesIt(@ForAll @StringLength(max = 24) String text) {
        assertSameAsJackson(text);
    }

    /** Mostly plain text with the characters Jackson escapes, and some it does not, mixed in. */
    @Property(tries = 400)
    void textAroundTheEscapeBoundaryIsWrittenAsJacksonWritesIt(
            @ForAll @StringLength(max = 16) @Chars({'a', ' ', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', '/', 'é', '\u2028'})
            String text) {
        assertSameAsJackson(text);
    }

    private static void assertSameAsJackson(String text) {
        for (boolean includeUsage : new boolean[] {false, true}) {
            assertThat(OpenAiChatStreamTextTest.encoded("chatcmpl-1", "m", includeUsage, new StreamEvent.TextDelta(0, text)))
                    .isEqualTo(OpenAiChatStreamTextTest.expected("chatcmpl-1", "m", includeUsage, null,
                            d -> d.put("content", text)));
        }
    }
}
