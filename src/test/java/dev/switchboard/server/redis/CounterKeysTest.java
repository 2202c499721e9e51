package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CounterKeysTest {
    /** Key names must not change with the shortcut: instances of both versions share one Redis. */
    @Property
    void encodesExactlyAsUrlEncoding(@ForAll String id) {
        assertThat(CounterKeys.encode(id)).isEqualTo(URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    @Example
    void encodesScopeIdsAndBracesAsUrlEncoding() {
        for (String id : new String[] {"k:bench", "p:team-a.b_c", "k:{x}:y", "k:a b*", "k:ü", "", ":"}) {
            assertThat(CounterKeys.encode(id)).as(id).isEqualTo(URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
    }
}
