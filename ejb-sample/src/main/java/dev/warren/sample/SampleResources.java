package dev.warren.sample;

/**
 * The JNDI names the sample looks up. The deployer creates these resources (asadmin
 * {@code create-connector-resource} / {@code create-admin-object}, see SAMPLE-NOTES.md and
 * deployment/demo/src/main/payara/post-boot-commands.asadmin); the application only names them, so the
 * broker, the serializer and the topology are the deployer's choice.
 */
public final class SampleResources {
    /** The pooled Warren connection factory (its pool's {@code defaultSerializer} picks the serializer). */
    public static final String FACTORY = "warren/sample";
    /** {@code ExchangeDefinition}: the media exchange (direct, durable). */
    public static final String MEDIA_EXCHANGE = "warren/exchange/media";
    /** {@code QueueDefinition}: queue video bound to media with key video. */
    public static final String VIDEO_QUEUE = "warren/queue/video";
    /** {@code QueueDefinition}: queue image bound to media with key image. */
    public static final String IMAGE_QUEUE = "warren/queue/image";
    /** {@code QueueDefinition}: queue inbox bound to media with key inbox; no MDB consumes it, it is polled. */
    public static final String INBOX_QUEUE = "warren/queue/inbox";

    private SampleResources() {
    }
}
