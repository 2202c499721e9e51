package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.testkit.FakeUpstream.Fault;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every row of the SDK matrix shares: one {@link MatrixBed} (fake upstream and gateway) for the whole
 * class, started before the class's own {@code @BeforeAll} makes its SDK client and closed after its
 * {@code @AfterAll} closed it, and a clean request record before each test.
 */
abstract class SdkMatrix {
    static MatrixBed bed;

    @BeforeAll
    static void startBed() {
        bed = MatrixBed.start();
    }

    @AfterAll
    static void stopBed() {
        bed.close();
    }

    @BeforeEach
    void forgetRequests() {
        bed.fake.reset();
    }

    /**
     * The call the client sent back reached the provider as the provider made it. A Gemini call is signed
     * (Gemini 3 refuses it back without its thought signature, and so does the fake): the client got an id
     * carrying the signature, {@code <call id>__thsig_b<signature in the URL-safe alphabet, unpadded>}, and
     * Gemini got the call's own id with the signature on its part. Other providers get the id as it was.
     */
    static void assertCallWentBackAsMade(Upstream u, String clientId, Sent.Call sent) {
        if (u != Upstream.GEMINI) {
            assertThat(sent.id()).isEqualTo(clientId);
            return;
        }
        assertThat(sent.signature()).as("thoughtSignature of the function call sent back").isNotEmpty();
        String carried = sent.signature().replace('+', '-').replace('/', '_').replace("=", "");
        assertThat(clientId).isEqualTo(sent.id() + "__thsig_b" + carried);
    }

    /**
     * Has the upstream answer the next call with {@code status}, makes the call, and returns what the SDK threw,
     * checked to be a {@code type} and to come from the one upstream call (no retry, no other key).
     */
    static <E extends Throwable> E upstreamError(int status, Class<E> type, ThrowingCallable call) {
        bed.fake.enqueue(Fault.status(status));
        E e = catchThrowableOfType(type, call);
        assertThat(e).as("%s for an upstream %d", type.getSimpleName(), status).isNotNull();
        assertThat(bed.fake.requests()).hasSize(1);
        return e;
    }
}
