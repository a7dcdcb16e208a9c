package dev.warren;

/**
 * What the broker reports for a declared queue.
 *
 * @param name the queue name (the server-generated one for a server-named queue)
 * @param messageCount messages ready for delivery
 * @param consumerCount active consumers
 */
public record QueueInfo(String name, long messageCount, long consumerCount) {
}
