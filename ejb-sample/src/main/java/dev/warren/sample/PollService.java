package dev.warren.sample;

import dev.warren.BrokerException;
import dev.warren.Message;
import dev.warren.Queue;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;

import java.util.Map;
import java.util.Optional;

/**
 * Polling, as kombu's {@code queue.get()}: takes one message from a queue on a pooled connection, acks it
 * and returns what it was. Not transacted: polling a queue that does not exist makes the broker close the
 * channel, which must not turn into a failed transaction commit; the answer is "no such queue".
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PollService {

    /** Outcome of a poll. */
    public enum Status { MESSAGE, EMPTY, NO_SUCH_QUEUE }

    /**
     * @param status what happened
     * @param message the message view when {@code status} is MESSAGE
     * @param error the broker's answer when {@code status} is NO_SUCH_QUEUE
     */
    public record Result(Status status, Map<String, Object> message, String error) {
    }

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    /**
     * @param queue the queue's name
     * @return the message (acknowledged), empty, or that the queue does not exist
     * @throws ResourceException when no pooled connection can be had
     */
    public Result poll(String queue) throws ResourceException {
        try (WarrenConnection connection = factory.getConnection()) {
            Optional<Message> got = connection.get(Queue.named(queue));
            if (got.isEmpty()) {
                return new Result(Status.EMPTY, null, null);
            }
            Message m = got.get();
            Map<String, Object> view = MessageView.of(m);
            m.ack();
            return new Result(Status.MESSAGE, view, null);
        } catch (BrokerException e) {
            if (e.replyCode() == 404) {
                return new Result(Status.NO_SUCH_QUEUE, null, e.getMessage());
            }
            throw e;
        }
    }
}
