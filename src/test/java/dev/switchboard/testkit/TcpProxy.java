package dev.switchboard.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A loopback TCP forwarder that a test can cut and restore, to take a real database "down" without
 * touching the server.
 *
 * <p>{@link #cut()} is synchronous: when it returns, every connection it forwarded is reset on both
 * sides, no forwarding write is in progress, and none will start, so no byte sent after the cut reaches
 * the target. While cut, new connections are accepted and reset at once. The listener itself stays
 * bound for the proxy's whole life: closing it would free the port for any other process on the
 * machine to bind (another test's proxy to the same database, say), which would both let reconnects
 * reach the database during the "outage" and make {@link #restore()} fail to bind the port again.
 */
public final class TcpProxy implements AutoCloseable {
    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private boolean cut; // guarded by this: a link is only ever added while not cut

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    public String hostPort() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed by close()
            }
            Socket upstream = new Socket();
            try {
                if (isCut()) {
                    throw new IOException("cut");
                }
                upstream.connect(target, 2000);
            } catch (IOException e) {
                reset(client); // cut, or the target refused: the client sees a reset
                reset(upstream);
                continue;
            }
            Link link = new Link(client, upstream);
            if (admit(link)) {
                link.start();
            } else {
                link.sever(); // cut() ran while the upstream connection was being made
            }
        }
    }

    private synchronized boolean isCut() {
        return cut;
    }

    private synchronized boolean admit(Link link) {
        if (cut) {
            return false;
        }
        links.add(link);
        return true;
    }

    /**
     * Resets every forwarded connection and every new one until {@link #restore()}; returns once no byte
     * can be forwarded any more.
     */
    public void cut() {
        List<Link> severed;
        synchronized (this) {
            cut = true; // from here on admit() refuses, so the snapshot below is every link there will be
            severed = new ArrayList<>(links);
        }
        severed.forEach(Link::sever);
    }

    /** Forwards new connections again. */
    public synchronized void restore() {
        cut = false;
    }

    @Override
    public void close() {
        cut();
        reset(listener);
    }

    /** A reset rather than an orderly close: nothing queued is sent and no TIME_WAIT is left. */
    private static void reset(Socket s) {
        try {
            if (!s.isClosed() && s.isConnected()) {
                s.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // closing below is what matters
        }
        reset((java.io.Closeable) s);
    }

    private static void reset(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    /** One forwarded connection: a pump each way, and a lock that {@link #sever()} waits on. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final ReentrantLock writing = new ReentrantLock();
        private volatile boolean severed;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            pump(client, upstream, "up");
            pump(upstream, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16 * 1024];
                try {
                    InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        writing.lock();
                        try {
                            if (severed) {
                                return;
                            }
                            out.write(buf, 0, n);
                        } finally {
                            writing.unlock();
                        }
                    }
                } catch (IOException e) {
                    // a side closed or was reset
                } finally {
                    sever();
                }
            }, "tcp-proxy-pump-" + direction);
            t.setDaemon(true);
            t.start();
        }

        /**
         * Resets both sides, then waits out a write already under way (closing the socket fails it), so
         * that no forwarding write runs after this returns.
         */
        void sever() {
            severed = true;
            reset(client);
            reset(upstream);
            writing.lock();
            writing.unlock();
            links.remove(this);
        }
    }
}
