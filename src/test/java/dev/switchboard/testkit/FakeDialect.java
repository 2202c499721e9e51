package dev.switchboard.testkit;

import java.util.List;

/**
 * One API the fake speaks. {@link FakeUpstream} picks the dialect by path and headers, asks it for a
 * reply, and then plays its faults over that reply; the dialect also renders the error bodies and
 * events those faults need, so a 429 on a Gemini path looks like Gemini's 429.
 */
interface FakeDialect {
    FakeUpstream.Dialect name();

    /** Whether this dialect answers the request (its paths, and headers where paths are shared). */
    boolean handles(FakeRequest request);

    /** Whether the answer would be a stream; chaos only draws mid-stream faults for those. */
    boolean isStream(FakeRequest request);

    /** Validates the request as the real API does and answers it, or rejects it in the API's error shape. */
    FakeReply answer(FakeRequest request);

    /**
     * An error answer of {@code status} in this API's shape, with the headers every answer of the API
     * carries (Anthropic's {@code request-id}); faults use it when they give no body of their own.
     */
    FakeReply.Whole error(FakeRequest request, int status, String message);

    /** The event that reports {@code status} inside an already started stream. */
    String errorEvent(int status, String message);

    /** The long-stream fault's shape: what goes before, each repeated event, and what closes it. */
    record LongStream(List<String> head, String repeated, List<String> tail) {}

    LongStream longStream(String content);
}
