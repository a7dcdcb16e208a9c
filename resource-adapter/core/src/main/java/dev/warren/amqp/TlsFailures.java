package dev.warren.amqp;

import dev.warren.BrokerException;

import javax.net.ssl.SSLException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Says what failed in a TLS handshake (unknown CA, host name, protocol, client certificate) and which setting to
 * check. A handshake failure is a configuration problem, not a lost connection: the exception is not
 * {@link BrokerException#connectionLost()}, so it is not retried as a network blip. Stateless.
 */
final class TlsFailures {
    private TlsFailures() {
    }

    /** What went wrong in a handshake. */
    enum Kind {
        /** the broker's certificate chain does not end at a trusted CA */
        UNKNOWN_CA,
        /** the certificate does not name the host connected to */
        HOSTNAME,
        /** no TLS version in common */
        PROTOCOL,
        /** the broker refused the client certificate (or wanted one) */
        CLIENT_CERTIFICATE,
        /** the port does not speak TLS */
        NOT_TLS,
        /** anything else */
        OTHER
    }

    static TlsHandshakeException translate(String action, SSLException e) {
        Kind kind = classify(e);
        String what = switch (kind) {
            case UNKNOWN_CA -> "the broker's certificate is not signed by a CA Warren trusts. Fix: set trustStore"
                    + " (with trustStoreType and trustStorePassword) to a store holding the CA that signed the broker's"
                    + " certificate (without trustStore, the JVM's default CAs are trusted).";
            case HOSTNAME -> "the broker's certificate does not name the host connected to. Fix: connect with a host"
                    + " name or IP address the certificate names (check host, uri or addresses), or have the"
                    + " certificate reissued with it; hostnameVerification=false turns this check off.";
            case PROTOCOL -> "the broker and Warren have no TLS protocol version in common. Fix: check tlsProtocols"
                    + " (default TLSv1.3,TLSv1.2) against the broker's ssl_options.versions.";
            case CLIENT_CERTIFICATE -> "the broker refused the client certificate (or needs one). Fix: set keyStore"
                    + " (with keyStoreType and keyStorePassword) to a client certificate signed by a CA the broker"
                    + " trusts (its ssl_options.cacertfile).";
            case NOT_TLS -> "the port does not speak TLS. Fix: use the broker's TLS port (5671 by default), or turn"
                    + " TLS off (amqp:// uri, tls=false).";
            case OTHER -> "check trustStore, keyStore and tlsProtocols.";
        };
        return new TlsHandshakeException("Cannot " + action + ": the TLS handshake failed (" + describe(e) + "): "
                + what, e);
    }

    /** The JDK's wording of the deepest cause (JSSE messages name certificates and hosts, never passwords). */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static Kind classify(SSLException e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Kind.UNKNOWN_CA;
            }
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).startsWith("No ")) {
                return Kind.HOSTNAME; // "No subject alternative DNS name matching …", "No name matching …"
            }
            all.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
        }
        String m = all.toString();
        if (m.contains("protocol_version") || m.contains("no appropriate protocol")
                || m.contains("protocol is disabled")) {
            return Kind.PROTOCOL;
        }
        if (m.contains("bad_certificate") || m.contains("certificate_required") || m.contains("unknown_ca")
                || m.contains("certificate_unknown") || m.contains("handshake_failure")) {
            return Kind.CLIENT_CERTIFICATE;
        }
        if (m.contains("unrecognized ssl message") || m.contains("plaintext connection")) {
            return Kind.NOT_TLS;
        }
        return Kind.OTHER;
    }
}
