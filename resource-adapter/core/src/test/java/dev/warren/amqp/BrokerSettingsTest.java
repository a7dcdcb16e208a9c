package dev.warren.amqp;

import dev.warren.WarrenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolving the connection properties into the value connections are keyed on; no broker needed. */
class BrokerSettingsTest {

    private static BrokerSettings.Builder base() {
        return BrokerSettings.builder().host("rabbit").port(5672).virtualHost("/").username("app").password("pw1")
                .requestedHeartbeat(60).connectionTimeout(60_000).networkRecoveryInterval(5000L)
                .connectionName("orders");
    }

    private static BrokerSettings.Builder tlsBase() {
        return base().tls(true).trustStore("/etc/trust.p12").trustStorePassword("tpw").trustStoreType("PKCS12")
                .keyStore("/etc/key.p12").keyStorePassword("kpw").keyStoreType("PKCS12").tlsProtocols("TLSv1.3")
                .hostnameVerification(true).saslMechanism("PLAIN");
    }

    @Test
    void settingsThatDifferInAnyOneFieldAreUnequal() {
        Map<String, UnaryOperator<BrokerSettings.Builder>> changes = new LinkedHashMap<>();
        changes.put("host", b -> b.host("rabbit2"));
        changes.put("port", b -> b.port(5673));
        changes.put("virtualHost", b -> b.virtualHost("other"));
        changes.put("username", b -> b.username("app2"));
        changes.put("password", b -> b.password("pw2"));
        changes.put("addresses", b -> b.addresses("rabbit:5672,rabbit2:5672"));
        changes.put("addressShuffle", b -> b.addressShuffle(false));
        changes.put("requestedHeartbeat", b -> b.requestedHeartbeat(5));
        changes.put("connectionTimeout", b -> b.connectionTimeout(1000));
        changes.put("networkRecoveryInterval", b -> b.networkRecoveryInterval(1000L));
        changes.put("connectionName", b -> b.connectionName("billing"));
        changes.put("uri", b -> b.uri("amqp://rabbit:5672/%2F?channel_max=10"));
        changes.put("tls", b -> b.tls(false));
        changes.put("trustStore", b -> b.trustStore("/etc/other.p12"));
        changes.put("trustStorePassword", b -> b.trustStorePassword("tpw2"));
        changes.put("trustStoreType", b -> b.trustStoreType("JKS"));
        changes.put("keyStore", b -> b.keyStore("/etc/other-key.p12"));
        changes.put("keyStorePassword", b -> b.keyStorePassword("kpw2"));
        changes.put("keyStoreType", b -> b.keyStoreType("JKS"));
        changes.put("tlsProtocols", b -> b.tlsProtocols("TLSv1.2"));
        changes.put("hostnameVerification", b -> b.hostnameVerification(false));
        changes.put("saslMechanism", b -> b.saslMechanism("EXTERNAL"));
        BrokerSettings reference = tlsBase().build();
        assertEquals(reference, tlsBase().build(), "the same properties give equal settings");
        assertEquals(reference.hashCode(), tlsBase().build().hashCode());
        for (Map.Entry<String, UnaryOperator<BrokerSettings.Builder>> c : changes.entrySet()) {
            BrokerSettings changed = c.getValue().apply(tlsBase()).build();
            assertNotEquals(reference, changed, "settings differing only in " + c.getKey() + " must not be equal");
        }
    }

    @Test
    void theUriWinsForThePartsItNamesAndThePortOnlyWhenItNamesOne() {
        BrokerSettings s = base().port(5680).uri("amqp://guest:guest@localhost").build();
        assertEquals(List.of(new Endpoint("localhost", 5680)), s.endpoints(), "port=5680 with a uri without a port");
        assertEquals("guest", s.username());
        assertEquals("guest", s.password());
        assertEquals("/", s.virtualHost(), "no path in the uri: the virtualHost property stays");

        BrokerSettings named = base().port(5680).uri("amqp://app:p%40ss%23w%2Frd%3F@127.0.0.1:5699/prod?heartbeat=7")
                .build();
        assertEquals(List.of(new Endpoint("127.0.0.1", 5699)), named.endpoints());
        assertEquals("p@ss#w/rd?", named.password(), "percent-encoded reserved characters decode");
        assertEquals("prod", named.virtualHost());
        assertEquals(7, named.requestedHeartbeat());
        assertEquals("/", base().uri("amqp://h/%2F").build().virtualHost());
    }

    @Test
    void defaultsDependOnTls() {
        BrokerSettings plain = BrokerSettings.builder().build();
        assertEquals(List.of(new Endpoint("localhost", 5672)), plain.endpoints());
        assertNull(plain.tls());
        assertEquals("guest", plain.username());
        BrokerSettings amqps = BrokerSettings.builder().uri("amqps://broker.example").build();
        assertEquals(List.of(new Endpoint("broker.example", 5671)), amqps.endpoints());
        assertEquals(TlsSettings.DEFAULT_PROTOCOLS, amqps.tls().protocols());
        assertTrue(amqps.tls().hostnameVerification(), "host name verification is on unless switched off");
        assertEquals(5671, BrokerSettings.builder().tls(true).build().endpoints().get(0).port());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "amqp://app:Sup3r#Secret@prod-broker.example:5680",
            "amqp://app:Sup3r@Secret@prod-broker.example:5680",
            "amqp://app:Sup3r/Secret@prod-broker.example:5680",
            "amqp://app:1234/Secret@prod-broker.example:5680",
            "amqp://app:Sup3r?Secret@prod-broker.example:5680",
            "amqp://app:Sup3r Secret@prod-broker.example:5680",
            "amqp://app:Sup3r%zzSecret@prod-broker.example:5680",
            "amqp:app:Sup3rSecret@prod-broker.example",
            "http://app:Sup3rSecret@prod-broker.example",
    })
    void aUriThatDoesNotParseIsRefusedWithoutShowingIt(String uri) {
        WarrenException e = assertThrows(WarrenException.class,
                () -> BrokerSettings.builder().uri(uri).check("the test factory"));
        assertFalse(e.getMessage().contains("Secret"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid property uri"), e.getMessage());
        assertTrue(e.getMessage().contains("in the test factory"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix:"), e.getMessage());
        assertThrows(WarrenException.class, () -> BrokerSettings.builder().uri(uri).build());
        assertFalse(BrokerSettings.redactedUri(uri).contains("Secret"), BrokerSettings.redactedUri(uri));
    }

    @Test
    void aUriIsRedactedByParsing() {
        assertEquals("amqp://app:***@h:5680/%2F?heartbeat=5",
                BrokerSettings.redactedUri("amqp://app:se:cr@t%40@h:5680/%2F?heartbeat=5".replace("t%40@", "t%40@")
                        .replace("se:cr@t%40@", "se%3Acr%40t@")));
        assertEquals("amqps://app@h", BrokerSettings.redactedUri("amqps://app@h"));
        assertEquals("(a uri that does not parse; not shown)", BrokerSettings.redactedUri("amqp:app:pw@host"));
        assertNull(BrokerSettings.redactedUri(null));
    }

    @Test
    void unknownUriParametersAreRefused() {
        WarrenException e = assertThrows(WarrenException.class,
                () -> BrokerSettings.builder().uri("amqps://h?cacertfile=/x").build());
        assertTrue(e.getMessage().contains("cacertfile") && e.getMessage().contains("trustStore"), e.getMessage());
    }

    @Test
    void addressesAreCheckedWithPropertyValueAndFix() {
        assertEquals(List.of(new Endpoint("h1", 5672), new Endpoint("h2", 5673), new Endpoint("::1", 5674)),
                BrokerSettings.builder().addresses("h1, h2:5673,[::1]:5674").build().endpoints());
        assertEquals(List.of(new Endpoint("h1", 5680)),
                BrokerSettings.builder().port(5680).addresses("h1").build().endpoints(), "port is the default port");
        for (String bad : List.of("h1;h2", "h1,,h2", "h1:99999", "h1,", ":5672", "h1:x", "h 1", "[::1")) {
            WarrenException e = assertThrows(WarrenException.class,
                    () -> BrokerSettings.builder().addresses(bad).check("the test factory"), bad);
            assertTrue(e.getMessage().startsWith("Invalid property addresses='" + bad + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("in the test factory. Fix: list host or host:port pairs separated by"
                    + " commas"), e.getMessage());
        }
        assertTrue(assertThrows(WarrenException.class, () -> BrokerSettings.builder().addresses("h1;h2").build())
                .getMessage().contains("not by ';'"));
        assertTrue(assertThrows(WarrenException.class, () -> BrokerSettings.builder().addresses("h1:99999").build())
                .getMessage().contains("'99999'"));
        assertTrue(assertThrows(WarrenException.class, () -> BrokerSettings.builder().addresses("h1,,h2").build())
                .getMessage().contains("empty host"));
    }

    @Test
    void eachPropertyIsChecked() {
        Map<String, BrokerSettings.Builder> bad = new LinkedHashMap<>();
        bad.put("port", BrokerSettings.builder().port(0));
        bad.put("requestedHeartbeat", BrokerSettings.builder().requestedHeartbeat(-1));
        bad.put("connectionTimeout", BrokerSettings.builder().connectionTimeout(-1));
        bad.put("networkRecoveryInterval", BrokerSettings.builder().networkRecoveryInterval(0L));
        bad.put("tlsProtocols", BrokerSettings.builder().tlsProtocols("SSLv3"));
        bad.put("trustStoreType", BrokerSettings.builder().trustStoreType("NOPE"));
        bad.put("keyStoreType", BrokerSettings.builder().keyStoreType("NOPE"));
        bad.put("saslMechanism", BrokerSettings.builder().saslMechanism("KERBEROS"));
        for (Map.Entry<String, BrokerSettings.Builder> b : bad.entrySet()) {
            WarrenException e = assertThrows(WarrenException.class, () -> b.getValue().check("owner X"), b.getKey());
            assertTrue(e.getMessage().contains(b.getKey()) && e.getMessage().contains("owner X")
                    && e.getMessage().contains("Fix:"), e.getMessage());
        }
    }

    @Test
    void externalNeedsTlsAndAClientCertificate() {
        WarrenException e = assertThrows(WarrenException.class,
                () -> BrokerSettings.builder().saslMechanism("external").build());
        assertTrue(e.getMessage().contains("saslMechanism=EXTERNAL") && e.getMessage().contains("keyStore"),
                e.getMessage());
        assertEquals(SaslMechanism.EXTERNAL, BrokerSettings.builder().tls(true).keyStore("/k.p12")
                .saslMechanism("EXTERNAL").build().saslMechanism());
        assertEquals(SaslMechanism.EXTERNAL, BrokerSettings.builder().keyStore("/k.p12")
                .uri("amqps://h?auth_mechanism=external").build().saslMechanism());
    }

    @Test
    void toStringShowsNoPassword() {
        String text = tlsBase().password("Pw-S3cret").trustStorePassword("Trust-S3cret")
                .keyStorePassword("Key-S3cret").build().toString();
        assertFalse(text.contains("S3cret"), text);
        assertTrue(text.contains("rabbit:5672") && text.contains("/etc/trust.p12"), text);
    }

    @Test
    void addressesAreShuffledByDefaultAndKeptInOrderWithAddressShuffleFalse() throws Exception {
        String nodes = "rabbit1:5672,rabbit2:5673,rabbit3:5674";
        BrokerSettings shuffled = base().addresses(nodes).build();
        BrokerSettings ordered = base().addresses(nodes).addressShuffle(false).build();
        assertTrue(shuffled.addressShuffle(), "the client's behaviour (shuffle) is the default");
        assertFalse(ordered.addressShuffle());
        assertNotEquals(shuffled, ordered, "connections with either choice are never shared");
        assertTrue(shuffled.toString().contains("(shuffled)"), shuffled.toString());
        assertTrue(ordered.toString().contains("(in order)"), ordered.toString());

        List<com.rabbitmq.client.Address> written = ClientFactories.addresses(ordered);
        assertEquals(List.of("rabbit1:5672", "rabbit2:5673", "rabbit3:5674"),
                written.stream().map(a -> a.getHost() + ":" + a.getPort()).toList());
        com.rabbitmq.client.AddressResolver inOrder = ClientFactories.addressResolver(ordered);
        com.rabbitmq.client.AddressResolver client = ClientFactories.addressResolver(shuffled);
        java.util.Set<List<com.rabbitmq.client.Address>> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertEquals(written, inOrder.maybeShuffle(inOrder.getAddresses()), "addressShuffle=false never shuffles");
            seen.add(client.maybeShuffle(client.getAddresses()));
        }
        assertTrue(seen.size() > 1, "the client's resolver shuffles (200 tries gave one order: " + seen + ")");
    }
}
