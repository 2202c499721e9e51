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
