package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaseUrlPolicyTest {
    /** No test touches real DNS: names resolve only through this table. */
    private static final Map<String, String> DNS = Map.of(
            "api.example.com", "93.184.216.34",
            "internal.corp", "10.1.2.3",
            "rebind.example", "169.254.169.254",
            "v6meta.example", "fd00:ec2::254",
            "both.example", "93.184.216.34,192.168.1.9");

    private static final BaseUrlPolicy.Resolver FAKE = host -> {
        String ips = DNS.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        String[] parts = ips.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]); // literals only: no lookup
        }
        return out;
    };

    private static Optional<String> check(String url, boolean allowPrivate) {
        return BaseUrlPolicy.check(URI.create(url), allowPrivate, FAKE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://api.openai.com/v1", // does not resolve in the table: only the name is judged
        "https://api.example.com",
        "http://93.184.216.34:8080/v1",
        "https://[2606:4700::1111]/",
        "https://[::ffff:8.8.8.8]/",
    })
    void publicHostsAreAllowed(String url) {
        assertThat(check(url, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:8081/v1", "http://127.8.9.10/", "http://localhost:11434", "http://LOCALHOST./",
        "http://llm.localhost/", "http://[::1]:8080/", "http://10.0.0.5/", "http://172.16.0.1/",
        "http://172.31.255.255/", "http://192.168.1.20/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
        "http://169.254.1.1/", "http://[fe80::1%25eth0]/", "http://0.0.0.0:8080/", "http://[::]/",
        "http://100.64.0.1/", "http://100.127.255.254/", "http://internal.corp/v1", "http://both.example/",
        "http://2130706433/", "http://0x7f000001/",
    })
    void privateAddressesNeedAllowPrivate(String url) {
        assertThat(check(url, false)).hasValueSatisfying(m -> assertThat(m).contains("allow_private: true"));
        assertThat(check(url, true)).isEmpty();
    }

    @Test
    void messagesSayWhatKindOfAddressItIs() {
        assertThat(check("http://127.0.0.1/", false).orElseThrow()).contains("loopback");
        assertThat(check("http://localhost/", false).orElseThrow()).contains("loopback");
        assertThat(check("http://10.0.0.1/", false).orElseThrow()).contains("private");
        assertThat(check("http://169.254.3.4/", false).orElseThrow()).contains("link-local");
        assertThat(check("http://100.64.1.1/", false).orElseThrow()).contains("carrier-grade NAT");
        assertThat(check("http://0.0.0.0/", false).orElseThrow()).contains("unspecified");
        assertThat(check("http://internal.corp/", false).orElseThrow()).contains("resolves to 10.1.2.3, a private address");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.170.2/v2/credentials",
        "http://100.100.100.200/latest/meta-data",
        "http://192.0.0.192/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.google.internal./",
        "http://metadata/",
        "http://0xA9FEA9FE/",        // hex
        "http://0xa9fea9fe/",
        "http://2852039166/",        // decimal
        "http://0251.0376.0251.0376/", // octal
        "http://169.254.43518/",     // a.b.c short form
        "http://0xa9.0xfe.0xa9.0xfe/",
        "http://169.254.169.254./",  // trailing dot
        "http://[::ffff:169.254.169.254]/", // IPv4-mapped
        "http://[::ffff:a9fe:a9fe]/",
        "http://[::169.254.169.254]/",      // IPv4-compatible
        "http://[64:ff9b::a9fe:a9fe]/",     // NAT64
        "http://[2002:a9fe:a9fe::1]/",      // 6to4
        "http://rebind.example/",           // resolves to it
        "http://v6meta.example/",
        "https://169.254.169.254:443/",
    })
    void metadataIsRefusedInEverySpellingEvenWithAllowPrivate(String url) {
        assertThat(check(url, true)).hasValueSatisfying(m -> assertThat(m).contains("metadata"));
        assertThat(check(url, false)).hasValueSatisfying(m -> assertThat(m).contains("metadata"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ftp://api.example.com/", "file:///etc/passwd", "api.example.com/v1", "http:///v1",
        "https://user:pass@api.example.com/", "https://api.example.com/#frag", "http://224.0.0.1/",
        "http://255.255.255.255/", "http://[ff02::1]/", "http://999.1.1.1/", "http://llama_cpp:8080/v1",
        "http://api.example.com:70000/",
    })
    void malformedOrUnusableUrlsAreRefusedEvenWithAllowPrivate(String url) {
        assertThat(check(url, true)).isPresent();
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        String message = check("https://user:hunter2hunter2@api.example.com/", true).orElseThrow();
        assertThat(message).contains("credentials").doesNotContain("hunter2");
    }

    @Test
    void underscoreHostsGetAnExplanation() {
        assertThat(check("http://llama_cpp:8080/v1", true).orElseThrow()).contains("'_' is not allowed");
    }

    @Test
    void unresolvableNamesAreNotAnError() {
        BaseUrlPolicy.Resolver failing = host -> {
            throw new UnknownHostException(host);
        };
        assertThat(BaseUrlPolicy.check(URI.create("https://nowhere.invalid/v1"), false, failing)).isEmpty();
    }

    @Test
    void nullUrlIsRefused() {
        assertThat(BaseUrlPolicy.check(null, true)).contains("base_url is missing");
    }

    @Test
    void inetAtonFormsDecodeLikeTheCResolver() {
        assertThat(BaseUrlPolicy.parseInetAton("127.1")).isEqualTo(0x7f000001);
        assertThat(BaseUrlPolicy.parseInetAton("2852039166")).isEqualTo(0xA9FEA9FE);
        assertThat(BaseUrlPolicy.parseInetAton("0xA9FEA9FE")).isEqualTo(0xA9FEA9FE);
        assertThat(BaseUrlPolicy.parseInetAton("0251.0376.0251.0376")).isEqualTo(0xA9FEA9FE);
        assertThat(BaseUrlPolicy.parseInetAton("169.254.43518")).isEqualTo(0xA9FEA9FE);
        assertThat(BaseUrlPolicy.parseInetAton("256.1.1.1")).isNull();
        assertThat(BaseUrlPolicy.parseInetAton("4294967296")).isNull();
        assertThat(BaseUrlPolicy.parseInetAton("1.2.3.4.5")).isNull();
        assertThat(BaseUrlPolicy.parseInetAton("08.1.1.1")).isNull();
    }
}
