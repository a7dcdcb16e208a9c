package dev.warren.serialization;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pickles CPython writes with every protocol (0-5) decode to the same plain Java values. */
class PickleProtocolsTest {
    /**
     * {@code pickle.dumps(v, protocol=p)} for p = 0..5 of
     * {@code {'t': (1, 'a', None), 's': {3}, 'fs': frozenset([4]), 'ba': bytearray(b'\\x00\\xff'), 'b': b'\\x01\\x02',
     * 'd': Decimal('12.50'), 'td': timedelta(1, 2, 3), 'tm': time(13, 45, 30, 123456),
     * 'utc': datetime(2024, 2, 29, 13, 45, 30, 123456, tzinfo=timezone.utc), 'big': -2**70, 'f': -0.5, 'u': '\\U0001F600'}}
     */
    static final String[] FIXTURES = {
            "KGRwMApWdApwMQooSTEKVmEKcDIKTnRwMwpzVnMKcDQKY19fYnVpbHRpbl9fCnNldApwNQooKGxwNgpJMwphdHA3Cl"
                    + "JwOApzVmZzCnA5CmNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcDEwCigobHAxMQpJNAphdHAxMgpScDEzCnNWYmEKcDE0"
                    + "CmNfX2J1aWx0aW5fXwpieXRlYXJyYXkKcDE1CihjX2NvZGVjcwplbmNvZGUKcDE2CihWXHUwMDAw/wpwMTcKVmxhdG"
                    + "luMQpwMTgKdHAxOQpScDIwCnRwMjEKUnAyMgpzVmIKcDIzCmcxNgooVgECCnAyNApnMTgKdHAyNQpScDI2CnNWZApw"
                    + "MjcKY2RlY2ltYWwKRGVjaW1hbApwMjgKKFYxMi41MApwMjkKdHAzMApScDMxCnNWdGQKcDMyCmNkYXRldGltZQp0aW"
                    + "1lZGVsdGEKcDMzCihJMQpJMgpJMwp0cDM0ClJwMzUKc1Z0bQpwMzYKY2RhdGV0aW1lCnRpbWUKcDM3CihnMTYKKFZc"
                    + "dTAwMGQtHgHiQApwMzgKZzE4CnRwMzkKUnA0MAp0cDQxClJwNDIKc1Z1dGMKcDQzCmNkYXRldGltZQpkYXRldGltZQ"
                    + "pwNDQKKGcxNgooVgfoAh1cdTAwMGQtHgHiQApwNDUKZzE4CnRwNDYKUnA0NwpjZGF0ZXRpbWUKdGltZXpvbmUKcDQ4"
                    + "CihnMzMKKEkwCkkwCkkwCnRwNDkKUnA1MAp0cDUxClJwNTIKdHA1MwpScDU0CnNWYmlnCnA1NQpMLTExODA1OTE2Mj"
                    + "A3MTc0MTEzMDM0MjRMCnNWZgpwNTYKRi0wLjUKc1Z1CnA1NwpWXFUwMDAxZjYwMApwNTgKcy4=",
            "fXEAKFgBAAAAdHEBKEsBWAEAAABhcQJOdHEDWAEAAABzcQRjX19idWlsdGluX18Kc2V0CnEFKF1xBksDYXRxB1JxCF"
                    + "gCAAAAZnNxCWNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcQooXXELSwRhdHEMUnENWAIAAABiYXEOY19fYnVpbHRpbl9f"
                    + "CmJ5dGVhcnJheQpxDyhjX2NvZGVjcwplbmNvZGUKcRAoWAMAAAAAw79xEVgGAAAAbGF0aW4xcRJ0cRNScRR0cRVScR"
                    + "ZYAQAAAGJxF2gQKFgCAAAAAQJxGGgSdHEZUnEaWAEAAABkcRtjZGVjaW1hbApEZWNpbWFsCnEcKFgFAAAAMTIuNTBx"
                    + "HXRxHlJxH1gCAAAAdGRxIGNkYXRldGltZQp0aW1lZGVsdGEKcSEoSwFLAksDdHEiUnEjWAIAAAB0bXEkY2RhdGV0aW"
                    + "1lCnRpbWUKcSUoaBAoWAcAAAANLR4Bw6JAcSZoEnRxJ1JxKHRxKVJxKlgDAAAAdXRjcStjZGF0ZXRpbWUKZGF0ZXRp"
                    + "bWUKcSwoaBAoWAwAAAAHw6gCHQ0tHgHDokBxLWgSdHEuUnEvY2RhdGV0aW1lCnRpbWV6b25lCnEwKGghKEsASwBLAH"
                    + "RxMVJxMnRxM1JxNHRxNVJxNlgDAAAAYmlncTdMLTExODA1OTE2MjA3MTc0MTEzMDM0MjRMClgBAAAAZnE4R7/gAAAA"
                    + "AAAAWAEAAAB1cTlYBAAAAPCfmIBxOnUu",
            "gAJ9cQAoWAEAAAB0cQFLAVgBAAAAYXECTodxA1gBAAAAc3EEY19fYnVpbHRpbl9fCnNldApxBV1xBksDYYVxB1JxCF"
                    + "gCAAAAZnNxCWNfX2J1aWx0aW5fXwpmcm96ZW5zZXQKcQpdcQtLBGGFcQxScQ1YAgAAAGJhcQ5jX19idWlsdGluX18K"
                    + "Ynl0ZWFycmF5CnEPY19jb2RlY3MKZW5jb2RlCnEQWAMAAAAAw79xEVgGAAAAbGF0aW4xcRKGcRNScRSFcRVScRZYAQ"
                    + "AAAGJxF2gQWAIAAAABAnEYaBKGcRlScRpYAQAAAGRxG2NkZWNpbWFsCkRlY2ltYWwKcRxYBQAAADEyLjUwcR2FcR5S"
                    + "cR9YAgAAAHRkcSBjZGF0ZXRpbWUKdGltZWRlbHRhCnEhSwFLAksDh3EiUnEjWAIAAAB0bXEkY2RhdGV0aW1lCnRpbW"
                    + "UKcSVoEFgHAAAADS0eAcOiQHEmaBKGcSdScSiFcSlScSpYAwAAAHV0Y3ErY2RhdGV0aW1lCmRhdGV0aW1lCnEsaBBY"
                    + "DAAAAAfDqAIdDS0eAcOiQHEtaBKGcS5ScS9jZGF0ZXRpbWUKdGltZXpvbmUKcTBoIUsASwBLAIdxMVJxMoVxM1JxNI"
                    + "ZxNVJxNlgDAAAAYmlncTeKCQAAAAAAAAAAwFgBAAAAZnE4R7/gAAAAAAAAWAEAAAB1cTlYBAAAAPCfmIBxOnUu",
            "gAN9cQAoWAEAAAB0cQFLAVgBAAAAYXECTodxA1gBAAAAc3EEY2J1aWx0aW5zCnNldApxBV1xBksDYYVxB1JxCFgCAA"
                    + "AAZnNxCWNidWlsdGlucwpmcm96ZW5zZXQKcQpdcQtLBGGFcQxScQ1YAgAAAGJhcQ5jYnVpbHRpbnMKYnl0ZWFycmF5"
                    + "CnEPQwIA/3EQhXERUnESWAEAAABicRNDAgECcRRYAQAAAGRxFWNkZWNpbWFsCkRlY2ltYWwKcRZYBQAAADEyLjUwcR"
                    + "eFcRhScRlYAgAAAHRkcRpjZGF0ZXRpbWUKdGltZWRlbHRhCnEbSwFLAksDh3EcUnEdWAIAAAB0bXEeY2RhdGV0aW1l"
                    + "CnRpbWUKcR9DBg0tHgHiQHEghXEhUnEiWAMAAAB1dGNxI2NkYXRldGltZQpkYXRldGltZQpxJEMKB+gCHQ0tHgHiQH"
                    + "ElY2RhdGV0aW1lCnRpbWV6b25lCnEmaBtLAEsASwCHcSdScSiFcSlScSqGcStScSxYAwAAAGJpZ3EtigkAAAAAAAAA"
                    + "AMBYAQAAAGZxLke/4AAAAAAAAFgBAAAAdXEvWAQAAADwn5iAcTB1Lg==",
            "gASVLwEAAAAAAAB9lCiMAXSUSwGMAWGUToeUjAFzlI+UKEsDkIwCZnOUKEsEkZSMAmJhlIwIYnVpbHRpbnOUjAlieX"
                    + "RlYXJyYXmUk5RDAgD/lIWUUpSMAWKUQwIBApSMAWSUjAdkZWNpbWFslIwHRGVjaW1hbJSTlIwFMTIuNTCUhZRSlIwC"
                    + "dGSUjAhkYXRldGltZZSMCXRpbWVkZWx0YZSTlEsBSwJLA4eUUpSMAnRtlGgZjAR0aW1llJOUQwYNLR4B4kCUhZRSlI"
                    + "wDdXRjlGgZjAhkYXRldGltZZSTlEMKB+gCHQ0tHgHiQJRoGYwIdGltZXpvbmWUk5RoG0sASwBLAIeUUpSFlFKUhpRS"
                    + "lIwDYmlnlIoJAAAAAAAAAADAjAFmlEe/4AAAAAAAAIwBdZSMBPCfmICUdS4=",
            "gAWVGQEAAAAAAAB9lCiMAXSUSwGMAWGUToeUjAFzlI+UKEsDkIwCZnOUKEsEkZSMAmJhlJYCAAAAAAAAAAD/lIwBYp"
                    + "RDAgEClIwBZJSMB2RlY2ltYWyUjAdEZWNpbWFslJOUjAUxMi41MJSFlFKUjAJ0ZJSMCGRhdGV0aW1llIwJdGltZWRl"
                    + "bHRhlJOUSwFLAksDh5RSlIwCdG2UaBSMBHRpbWWUk5RDBg0tHgHiQJSFlFKUjAN1dGOUaBSMCGRhdGV0aW1llJOUQw"
                    + "oH6AIdDS0eAeJAlGgUjAh0aW1lem9uZZSTlGgWSwBLAEsAh5RSlIWUUpSGlFKUjANiaWeUigkAAAAAAAAAAMCMAWaU"
                    + "R7/gAAAAAAAAjAF1lIwE8J+YgJR1Lg=="
    };

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void decodesEveryProtocol(int protocol) throws Exception {
        Object decoded = new PickleSerializer().decode(Base64.getDecoder().decode(FIXTURES[protocol]));
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("t", Arrays.asList(1, "a", null));
        want.put("s", List.of(3));
        want.put("fs", List.of(4));
        want.put("ba", new byte[] {0, (byte) 0xff});
        want.put("b", new byte[] {1, 2});
        want.put("d", new BigDecimal("12.50"));
        want.put("td", Duration.ofDays(1).plusSeconds(2).plusNanos(3000));
        want.put("tm", LocalTime.of(13, 45, 30, 123_456_000));
        want.put("utc", OffsetDateTime.of(Payloads.DT, ZoneOffset.UTC));
        want.put("big", BigInteger.TWO.pow(70).negate());
        want.put("f", -0.5);
        want.put("u", "\uD83D\uDE00");
        assertEquals(Payloads.normal(want), Payloads.normal(decoded), "protocol " + protocol);
    }
}
