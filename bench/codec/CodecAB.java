import com.sun.management.ThreadMXBean;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Two builds' codec work in one JVM, round for round: each build's {@code CodecLoop.operations} is loaded
 * through its own class loader, and every round times both, in alternating order. On a noisy shared VM,
 * two JVMs run one after the other measured the same jar 20-45% apart; interleaving puts both builds under
 * the same noise, so their ratio means something. Prints, tab-separated per operation: the median µs of
 * this build, of the base, their ratio, and the bytes each allocates per operation.
 *   java -cp . CodecAB <this.jar> <this-classes> <base.jar> <base-classes> <request.json> <stream.sse> [rounds]
 */
public final class CodecAB {
    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args[4]));
        byte[] stream = Files.readAllBytes(Path.of(args[5]));
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 21;
        Map<String, Runnable> mine = operations(args[0], args[1], body, stream);
        Map<String, Runnable> base = operations(args[2], args[3], body, stream);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String name : mine.keySet()) {
            int perRound = name.startsWith("request") ? 20_000 : 5_000;
            List<Runnable> ops = List.of(mine.get(name), base.get(name));
            long[][] nanos = new long[2][rounds];
            long[] bytes = new long[2];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int v = (r + k) % 2; // ABBA: neither build always goes first
                    long a0 = threads.getCurrentThreadAllocatedBytes();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        ops.get(v).run();
                    }
                    nanos[v][r] = System.nanoTime() - t0;
                    bytes[v] = (threads.getCurrentThreadAllocatedBytes() - a0) / perRound;
                }
            }
            double a = median(nanos[0], perRound);
            double b = median(nanos[1], perRound);
            System.out.printf("%s\t%.2f\t%.2f\t%.3f\t%d\t%d%n", name, a, b, a / b, bytes[0], bytes[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Runnable> operations(String jar, String classes, byte[] body, byte[] stream)
            throws Exception {
        URL[] path = {new File(jar).toURI().toURL(), new File(classes).toURI().toURL()};
        ClassLoader loader = new URLClassLoader(path, ClassLoader.getPlatformClassLoader());
        return (Map<String, Runnable>) loader.loadClass("CodecLoop")
                .getMethod("operations", byte[].class, byte[].class).invoke(null, body, stream);
    }

    /** The first third of the rounds warm the JIT up; the median of the rest, per operation. */
    private static double median(long[] nanos, int perRound) {
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 3, nanos.length);
        Arrays.sort(warm);
        return warm[warm.length / 2] / 1000.0 / perRound;
    }
}
