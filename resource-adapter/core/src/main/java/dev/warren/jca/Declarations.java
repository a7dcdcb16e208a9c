package dev.warren.jca;

import dev.warren.Exchange;
import dev.warren.ExchangeType;
import dev.warren.Queue;
import dev.warren.WarrenException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a connection factory's {@code declarations} property: entities every new pooled channel declares
 * before first use (once per channel). Items are separated by {@code ;}:
 * <ul>
 *   <li>{@code exchange NAME [TYPE]} — a durable exchange, type direct by default;</li>
 *   <li>{@code queue NAME [EXCHANGE:KEY ...]} — a durable queue bound to the (direct, durable) exchanges
 *       with the keys.</li>
 * </ul>
 * Example: {@code exchange media direct; queue video media:video; queue images media:image media:png}.
 * For other settings, use the {@link ExchangeDefinition} / {@link QueueDefinition} admin objects.
 * Stateless.
 */
final class Declarations {
    private Declarations() {
    }

    /**
     * @param value the property value; null means none
     * @return {@link Exchange} and {@link Queue} values, in order
     * @throws WarrenException naming the item and the expected form
     */
    static List<Object> parse(String value) {
        List<Object> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String item : value.split(";")) {
            String[] w = item.trim().split("\\s+");
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            if (w[0].equals("exchange") && (w.length == 2 || w.length == 3)) {
                out.add(Exchange.builder(w[1]).type(w.length == 3 ? ExchangeType.parse(w[2]) : ExchangeType.DIRECT)
                        .build());
            } else if (w[0].equals("queue") && w.length >= 2) {
                Queue.Builder q = Queue.builder(w[1]);
                for (int i = 2; i < w.length; i++) {
                    int colon = w[i].indexOf(':');
                    if (colon <= 0) {
                        throw invalid(value, item);
                    }
                    q.bind(Exchange.direct(w[i].substring(0, colon)), w[i].substring(colon + 1));
                }
                out.add(q.build());
            } else {
                throw invalid(value, item);
            }
        }
        return out;
    }

    private static WarrenException invalid(String value, String item) {
        return new WarrenException("Invalid property declarations='" + value + "': cannot read '" + item.trim()
                + "'. Fix: write items like 'exchange media direct; queue video media:video' (separated by ';').");
    }
}
