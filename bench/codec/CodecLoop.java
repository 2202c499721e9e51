import com.sun.management.ThreadMXBean;
import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.format.anthropic.AnthropicCodec;
import dev.switchboard.format.gemini.GeminiCodec;
import dev.switchboard.format.openai.OpenAiChatCodec;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseReader;
import dev.switchboard.sse.StreamText;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The translate bench's codec work in-process, on one thread, without the network: an OpenAI request
 * translated for an Anthropic upstream, and the Anthropic stream (54 events) translated into the OpenAI
 * chunks, and the Gemini chunks, the client reads, composed into the bytes that go out. Prints, tab-separated, each operation,
 * its median time in microseconds and the bytes it allocates: the part of a translated stream's cost the
 * codecs control, measured where the scheduler and the kernel add no noise.
 *   java -cp switchboard.jar:. CodecLoop <request.json> <stream.sse> [rounds]
 */
public final class CodecLoop {
    private static long sink;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        for (Map.Entry<String, Runnable> op : operations(Files.readAllBytes(Path.of(args[0])),
                Files.readAllBytes(Path.of(args[1]))).entrySet()) {
            measure(op.getKey(), rounds, op.getKey().startsWith("request") ? 50_000 : 20_000, op.getValue());
        }
        if (sink == 42) {
            System.out.println(); // keeps the work observable to the JIT
        }
    }

    /** The measured operations by name, in report order; also what {@code CodecAB} runs from each build. */
    public static Map<String, Runnable> operations(byte[] body, byte[] stream) {
        ChatCodec client = new OpenAiChatCodec();
        ChatCodec upstream = new AnthropicCodec(Clock.systemUTC());
        ChatCodec gemini = new GeminiCodec(Clock.systemUTC());
        ChatRequest request = client.decodeRequest(body, null, false);
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("request: OpenAI body -> Anthropic body", () -> {
            ChatRequest r = client.decodeRequest(body, null, false);
            sink += upstream.encodeRequest(r.forUpstream("claude-sonnet-4-5"), new Dropped()).length;
        });
        ops.put("stream: 54 Anthropic events -> OpenAI chunks, as bytes", () -> translate(upstream, client, request, stream));
        ops.put("stream: 54 Anthropic events -> Gemini chunks, as bytes", () -> translate(upstream, gemini, request, stream));
        return ops;
    }

    private static void translate(ChatCodec upstream, ChatCodec client, ChatRequest request, byte[] stream) {
        List<StreamEvent> events = new ArrayList<>(8);
        StreamDecoder decoder = upstream.newStreamDecoder();
        StreamEncoder encoder = client.newStreamEncoder(request);
        StreamText out = new StreamText(512);
        out.ensureRoom(2 * stream.length);
        new SseReader(1 << 20, e -> decoder.onEvent(e, events)).feed(stream);
        for (StreamEvent e : events) {
            encoder.encode(e, out);
        }
        sink += out.take((array, length) -> length);
    }

    private static void measure(String what, int rounds, int perRound, Runnable op) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] nanos = new long[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                op.run();
            }
            nanos[r] = System.nanoTime() - t0;
            bytes = (threads.getCurrentThreadAllocatedBytes() - a0) / perRound; // the last round's: warm
        }
        // the first third of the rounds warm the JIT up; the median of the rest is reported
        long[] warm = java.util.Arrays.copyOfRange(nanos, rounds / 3, rounds);
        java.util.Arrays.sort(warm);
        System.out.printf("%s\t%.2f\t%d%n", what, warm[warm.length / 2] / 1000.0 / perRound, bytes);
    }
}
