package dev.warren.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.ListAddressResolver;

import java.util.List;

/**
 * An address list the client tries in the order given, on the first connection and on every automatic recovery:
 * the client's own list resolver shuffles the nodes ({@code AddressResolver.maybeShuffle}), which spreads
 * connections over a cluster but cannot express "the first node, and the others only while it is down"
 * (active/passive). Used when {@code addressShuffle=false}. Immutable and thread-safe.
 */
final class OrderedAddressResolver extends ListAddressResolver {
    /** @param addresses the nodes, most preferred first */
    OrderedAddressResolver(List<Address> addresses) {
        super(List.copyOf(addresses));
    }

    /** @return the list unchanged (never shuffled) */
    @Override
    public List<Address> maybeShuffle(List<Address> input) {
        return input;
    }
}
