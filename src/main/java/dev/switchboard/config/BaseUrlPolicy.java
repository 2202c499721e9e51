package dev.switchboard.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a provider's {@code base_url} may point. Server-side request forgery through a configurable
 * upstream URL is the most common gateway vulnerability, so:
 *
 * <ul>
 *   <li>only {@code http}/{@code https} with a host, no credentials in the URL, no fragment;
 *   <li>loopback, private, link-local, unspecified and CGNAT addresses need {@code allow_private: true}
 *       (local model servers set it);
 *   <li>cloud metadata endpoints are refused always, in every spelling: decimal ({@code 2852039166}),
 *       hex ({@code 0xA9FEA9FE}), octal, short forms ({@code 169.254.43518}), IPv4-mapped/compatible,
 *       NAT64 and 6to4 IPv6, and host names that resolve to them.
 * </ul>
 *
 * <p>Host names are resolved once, here. A name that does not resolve is not an error (the provider may
 * be down while the file is loaded); the check then rests on the name alone. This is a load-time check:
 * it cannot stop DNS rebinding, which the upstream transport must guard against at connect time.
 *
 * <p>Shared with the admin API, which validates providers added at run time with the same rules.
 */
public final class BaseUrlPolicy {

    /** Name resolution, replaceable so that tests (and callers with their own resolver) avoid real DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

    /** Metadata services by name (GCP answers to all three inside a VM). */
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata.goog", "metadata");

    /**
     * Metadata services by IPv4 address: AWS/Azure/GCP/OpenStack (169.254.169.254), AWS ECS task
     * credentials (169.254.170.2), Alibaba (100.100.100.200), Oracle (192.0.0.192).
     */
    private static final Set<Integer> METADATA_V4 = Set.of(
            v4(169, 254, 169, 254), v4(169, 254, 170, 2), v4(100, 100, 100, 200), v4(192, 0, 0, 192));

    /** AWS's IPv6 metadata endpoint fd00:ec2::254. */
    private static final byte[] METADATA_V6 = {
        (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
    };

    /** The shapes glibc's inet_aton accepts: 1 to 4 parts, each decimal, octal (0…) or hex (0x…). */
    private static final Pattern INET_ATON =
            Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}");

    private BaseUrlPolicy() {}

    /** How far an address may be reached. Ordered: a later constant is worse. */
    private enum Reach {
        PUBLIC,
        PRIVATE,
        UNUSABLE,
        METADATA
    }

    /**
     * @param kind     e.g. "a loopback address"
     * @param address  the address judged, canonical text; null for judgements by name
     * @param resolved whether the address came from DNS rather than from the URL itself
     */
    private record Verdict(Reach reach, String kind, String address, boolean resolved) {
        static final Verdict PUBLIC = new Verdict(Reach.PUBLIC, "a public address", null, false);

        Verdict(Reach reach, String kind) {
            this(reach, kind, null, false);
        }

        Verdict worse(Verdict other) {
            return other.reach.compareTo(reach) > 0 ? other : this;
        }

        /** "is 169.254.169.254, a metadata address" or "resolves to 10.0.0.5, a private address". */
        String describe(String host) {
            if (resolved) {
                return "resolves to " + address + ", " + kind;
            }
            return "is " + (address == null || address.equals(host) ? "" : address + ", ") + kind;
        }
    }

    /** {@link #check(URI, boolean, Resolver)} with the system resolver. */
    public static Optional<String> check(URI uri, boolean allowPrivate) {
        return check(uri, allowPrivate, SYSTEM_RESOLVER);
    }

    /**
     * @return why the URL is refused, or empty when it may be used. The message names the host (which
     *     is configuration, not a secret) and says how to fix it where a fix exists.
     */
    public static Optional<String> check(URI uri, boolean allowPrivate, Resolver resolver) {
        if (uri == null) {
            return Optional.of("base_url is missing");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("base_url must be an http:// or https:// URL");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isEmpty()) {
            return Optional.of("base_url has no host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            // Would be sent upstream and printed by anything that prints the URL.
            return Optional.of("base_url must not contain credentials (user:password@); use keys or headers");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("base_url must not contain a fragment (#...)");
        }
        if (uri.getPort() > 65535) {
            return Optional.of("base_url port " + uri.getPort() + " is out of range");
        }
        // java.net.URI leaves the host null for names it considers invalid (underscores, trailing dot,
        // "127.1"); classify the raw authority anyway so that such spellings of a metadata address get
        // the right message, then refuse them for being unusable as a host.
        String rawHost = uri.getHost() != null ? uri.getHost() : hostOfAuthority(authority);
        String host = normalizeHost(rawHost);
        if (host.isEmpty()) {
            return Optional.of("base_url has no host");
        }
        Verdict verdict = classifyHost(host, resolver);
        if (verdict.reach() == Reach.METADATA) {
            return Optional.of("base_url host '" + rawHost + "' " + verdict.describe(host)
                    + "; metadata services are always refused");
        }
        if (verdict.reach() == Reach.UNUSABLE) {
            return Optional.of("base_url host '" + rawHost + "' " + verdict.describe(host) + "; it cannot be an upstream");
        }
        if (uri.getHost() == null) {
            return Optional.of("base_url host '" + rawHost + "' is not a valid host name"
                    + (rawHost.contains("_") ? " ('_' is not allowed in host names)" : ""));
        }
        if (verdict.reach() == Reach.PRIVATE && !allowPrivate) {
            return Optional.of("base_url host '" + rawHost + "' " + verdict.describe(host)
                    + "; set allow_private: true if this is a local or in-network model server");
        }
        return Optional.empty();
    }

    private static String hostOfAuthority(String authority) {
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? hostPort : hostPort.substring(0, end + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** Lower case, no brackets, no IPv6 zone, no trailing root dot. */
    private static String normalizeHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static Verdict classifyHost(String host, Resolver resolver) {
        if (METADATA_NAMES.contains(host)) {
            return new Verdict(Reach.METADATA, "a cloud metadata host name");
        }
        if (host.contains(":")) {
            try {
                // An IPv6 literal: InetAddress parses literals without any lookup.
                return classify(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                return new Verdict(Reach.UNUSABLE, "not a valid IPv6 address");
            }
        }
        if (INET_ATON.matcher(host).matches()) {
            Integer v4 = parseInetAton(host);
            return v4 == null ? new Verdict(Reach.UNUSABLE, "not a valid IPv4 address") : classifyV4(v4);
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new Verdict(Reach.PRIVATE, "a loopback host name");
        }
        InetAddress[] resolved;
        try {
            resolved = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return Verdict.PUBLIC; // cannot tell; see the class comment
        }
        Verdict worst = Verdict.PUBLIC;
        for (InetAddress address : resolved == null ? new InetAddress[0] : resolved) {
            Verdict v = classify(address);
            worst = worst.worse(new Verdict(v.reach(), v.kind(), address.getHostAddress(), true));
        }
        return worst;
    }

    /** Classifies one resolved or literal address. */
    private static Verdict classify(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return classifyV4(toInt(b, 0));
        }
        if (address instanceof Inet6Address) {
            return classifyV6(b);
        }
        return Verdict.PUBLIC;
    }

    private static Verdict classifyV4(int a) {
        if (METADATA_V4.contains(a)) {
            return new Verdict(Reach.METADATA, "a cloud metadata address", v4Text(a), false);
        }
        if (inV4(a, 0, 0, 0, 0, 8)) {
            return new Verdict(Reach.PRIVATE, "an unspecified address", v4Text(a), false);
        }
        if (inV4(a, 127, 0, 0, 0, 8)) {
            return new Verdict(Reach.PRIVATE, "a loopback address", v4Text(a), false);
        }
        if (inV4(a, 10, 0, 0, 0, 8) || inV4(a, 172, 16, 0, 0, 12) || inV4(a, 192, 168, 0, 0, 16)) {
            return new Verdict(Reach.PRIVATE, "a private address", v4Text(a), false);
        }
        if (inV4(a, 169, 254, 0, 0, 16)) {
            return new Verdict(Reach.PRIVATE, "a link-local address", v4Text(a), false);
        }
        if (inV4(a, 100, 64, 0, 0, 10)) {
            return new Verdict(Reach.PRIVATE, "a carrier-grade NAT address", v4Text(a), false);
        }
        if (inV4(a, 224, 0, 0, 0, 4)) {
            return new Verdict(Reach.UNUSABLE, "a multicast address", v4Text(a), false);
        }
        if (inV4(a, 240, 0, 0, 0, 4)) {
            return new Verdict(Reach.UNUSABLE, "a reserved or broadcast address", v4Text(a), false);
        }
        return Verdict.PUBLIC;
    }

    private static Verdict classifyV6(byte[] b) {
        if (Arrays.equals(b, METADATA_V6)) {
            return new Verdict(Reach.METADATA, "a cloud metadata address", "fd00:ec2::254", false);
        }
        boolean first10Zero = allZero(b, 0, 10);
        // Addresses that carry an IPv4 address are judged by it, so ::ffff:169.254.169.254 is metadata.
        if (first10Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return classifyV4(toInt(b, 12)); // IPv4-mapped ::ffff:a.b.c.d
        }
        if (first10Zero && b[10] == 0 && b[11] == 0) {
            int v4 = toInt(b, 12);
            if (v4 == 0) {
                return new Verdict(Reach.PRIVATE, "the unspecified address");
            }
            if (v4 == 1) {
                return new Verdict(Reach.PRIVATE, "the loopback address");
            }
            return classifyV4(v4); // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12)) {
            return classifyV4(toInt(b, 12)); // NAT64 64:ff9b::a.b.c.d
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            Verdict embedded = classifyV4(toInt(b, 2)); // 6to4 2002:AABB:CCDD::
            if (embedded.reach() != Reach.PUBLIC) {
                return embedded;
            }
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return new Verdict(Reach.PRIVATE, "a unique local (private) IPv6 address");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return new Verdict(Reach.PRIVATE, "a link-local IPv6 address");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return new Verdict(Reach.PRIVATE, "a site-local IPv6 address");
        }
        if ((b[0] & 0xff) == 0xff) {
            return new Verdict(Reach.UNUSABLE, "a multicast IPv6 address");
        }
        return Verdict.PUBLIC;
    }

    /**
     * inet_aton semantics, which is what the C resolver (and so many HTTP clients) use: the last part
     * fills all remaining bytes, so "127.1" is 127.0.0.1 and "2852039166" is 169.254.169.254.
     *
     * @return the address, or null when a part is malformed or too large
     */
    static Integer parseInetAton(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = parsePart(parts[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        long result = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 0xff) {
                return null;
            }
            result |= values[i] << (24 - 8 * i);
        }
        long last = values[parts.length - 1];
        int lastBits = 8 * (4 - (parts.length - 1));
        if (last >= (1L << lastBits)) {
            return null;
        }
        return (int) (result | last);
    }

    private static Long parsePart(String part) {
        try {
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return part.length() == 2 ? 0L : parseBounded(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return parseBounded(part.substring(1), 8);
            }
            return parseBounded(part, 10);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseBounded(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 16) {
            return null;
        }
        long v = Long.parseLong(digits, radix);
        return v > 0xffffffffL ? null : v;
    }

    private static boolean inV4(int address, int a, int b, int c, int d, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (address & mask) == (v4(a, b, c, d) & mask);
    }

    private static int v4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    private static int toInt(byte[] b, int offset) {
        return ((b[offset] & 0xff) << 24) | ((b[offset + 1] & 0xff) << 16) | ((b[offset + 2] & 0xff) << 8)
                | (b[offset + 3] & 0xff);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String v4Text(int a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
