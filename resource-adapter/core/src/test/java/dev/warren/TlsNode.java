package dev.warren;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private RabbitMQ node serving AMQP over TLS, with certificates made at test time by openssl and keytool: a test
 * CA, a server certificate valid for DNS:localhost and IP:127.0.0.1 (the TLS listener also answers on 127.0.0.2,
 * which the certificate does not name), a client certificate with CN {@value #CLIENT_CN} for mutual TLS and
 * EXTERNAL login, and a second, unrelated CA. The node verifies client certificates when offered but does not require
 * one. Started through {@code rabbit-node.sh}'s configuration hooks; run under the heavy-test lock.
 */
public final class TlsNode implements AutoCloseable {
    /** The client certificate's common name, and the broker user EXTERNAL logs in as. */
    public static final String CLIENT_CN = "warren-tls-client";
    /** The password of the trust stores (test-only). */
    public static final String TRUST_PASSWORD = "Trust-Pw-4711";
    /** The password of the client key store (test-only). */
    public static final String KEY_PASSWORD = "Key-Pw-4712";

    private final Path dir;
    private final FaultNode node;
    private final int tlsPort;

    private TlsNode(Path dir, FaultNode node, int tlsPort) {
        this.dir = dir;
        this.node = node;
        this.tlsPort = tlsPort;
    }

    /**
     * @param prefix node name prefix
     * @return the started node
     */
    public static TlsNode start(String prefix) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "warren-tls-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        makeCertificates(dir);
        int tlsPort = freeTlsPort();
        Path conf = dir.resolve("tls.conf");
        Files.writeString(conf, String.join("\n",
                "listeners.ssl.1 = 127.0.0.1:" + tlsPort,
                "listeners.ssl.2 = 127.0.0.2:" + tlsPort,
                "ssl_options.cacertfile = " + dir.resolve("ca.pem"),
                "ssl_options.certfile = " + dir.resolve("server.pem"),
                "ssl_options.keyfile = " + dir.resolve("server.key"),
                "ssl_options.verify = verify_peer",
                "ssl_options.fail_if_no_peer_cert = false",
                "auth_mechanisms.1 = PLAIN",
                "auth_mechanisms.2 = AMQPLAIN",
                "auth_mechanisms.3 = EXTERNAL",
                "ssl_cert_login_from = common_name", ""));
        for (Path f : list(dir)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--")); // the node runs as rabbitmq
        }
        FaultNode node = FaultNode.startOnFreePort(prefix, Map.of("WARREN_NODE_CONF", conf.toString(),
                "WARREN_NODE_PLUGINS", "rabbitmq_auth_mechanism_ssl"));
        TlsNode tls = new TlsNode(dir, node, tlsPort);
        node.rabbitmqctl("add_user", CLIENT_CN, "unused-" + ThreadLocalRandom.current().nextLong());
        node.rabbitmqctl("clear_password", CLIENT_CN);
        node.rabbitmqctl("set_permissions", "-p", "/", CLIENT_CN, ".*", ".*", ".*");
        return tls;
    }

    private static int freeTlsPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = 6700 + ThreadLocalRandom.current().nextInt(1000);
            if (FaultNode.free(port)) {
                return port;
            }
        }
        throw new IOException("no free port for a TLS listener in 6700-7700");
    }

    private static void makeCertificates(Path dir) throws IOException, InterruptedException {
        authority(dir, "ca", "Warren Test CA");
        authority(dir, "other-ca", "Some Other CA");
        leaf(dir, "server", "localhost", SERVER_EXTENSIONS, "ca");
        leaf(dir, "client", CLIENT_CN, "extendedKeyUsage=clientAuth\n", "ca");
        run(dir, "openssl", "pkcs12", "-export", "-inkey", "client.key", "-in", "client.pem", "-certfile", "ca.pem",
                "-name", "client", "-out", "client.p12", "-passout", "pass:" + KEY_PASSWORD);
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "trust.p12",
                "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "ca", "-file", "other-ca.pem", "-keystore",
                "other-trust.p12", "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);
    }

    private static void authority(Path dir, String name, String cn) throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out",
                name + ".pem", "-days", "2", "-subj", "/CN=" + cn, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static final String SERVER_EXTENSIONS =
            "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n";

    /**
     * Gives the node a new server certificate (same names) signed by the unrelated CA, and restarts it: what a
     * broker whose certificate was replaced by one Warren does not trust looks like.
     */
    public void reissueServerCertificateFromOtherCa() throws IOException, InterruptedException {
        leaf(dir, "server", "localhost", SERVER_EXTENSIONS, "other-ca");
        for (Path f : list(dir)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        }
        node.stop();
        node.restart();
    }

    private static void leaf(Path dir, String name, String cn, String extensions, String ca)
            throws IOException, InterruptedException {
        run(dir, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                "-subj", "/CN=" + cn);
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        run(dir, "openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.toList());
        }
    }

    /** @return the TLS port (on 127.0.0.1 and 127.0.0.2) */
    public int tlsPort() {
        return tlsPort;
    }

    /** @return the plain AMQP port (127.0.0.1) */
    public int plainPort() {
        return node.port();
    }

    /** @return the PKCS12 trust store holding the CA that signed the broker's certificate */
    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** @return a PKCS12 trust store holding only an unrelated CA */
    public Path otherTrustStore() {
        return dir.resolve("other-trust.p12");
    }

    /** @return the PKCS12 key store with the client certificate (CN {@value #CLIENT_CN}) */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /** @return the node, for rabbitmqctl */
    public FaultNode node() {
        return node;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            node.close();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
