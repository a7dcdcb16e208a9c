package dev.warren.wildfly.inbound;

/** Names shared by the inbound beans and WildFlyInboundIT. */
public final class WildFlyInbound {
    /** Activation connectionName; the broker shows it with " (inbound)". */
    public static final String CONNECTION = "warren-wildfly-inbound";
    public static final String EXCHANGE = "warren-wf-in";
    public static final String GATED_QUEUE = "warren-wf-in-gated";
    public static final String DL_QUEUE = "warren-wf-in-dl";
    public static final String DL_TARGET = "warren-wf-in-dl-dlq";
    public static final String DRAIN_QUEUE = "warren-wf-drain";
    public static final String DRAIN_DONE = "warren-wf-drain-done";

    private WildFlyInbound() {
    }
}
