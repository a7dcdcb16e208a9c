package dev.warren.sample.media;

import dev.warren.Message;
import dev.warren.jca.WarrenListener;
import dev.warren.sample.MessageView;
import dev.warren.sample.ProcessedLog;
import jakarta.ejb.EJB;

import java.util.Map;

/**
 * The seeds' media consumer set (one consumer over the video and image queues) as one message-driven bean
 * class with two activations: WEB-INF/ejb-jar.xml deploys it as {@code VideoConsumer} (queue video) and
 * {@code ImageConsumer} (queue image), each with its own activation properties.
 * <pre>
 * def process_media(body, message):
 *     print(body)
 *     message.ack()
 * with Consumer(connection, [video_queue, image_queue], callbacks=[process_media], accept=["json", "yaml", "msgpack"]):
 * </pre>
 * Structured bodies are decoded by content type (json, yaml or msgpack, whichever the producer chose);
 * raw image bytes are not decoded: the bean prints their size and SHA-256, which the sender can compare.
 */
public class MediaConsumer implements WarrenListener {

    @EJB
    private ProcessedLog processed;

    @Override
    public void onMessage(Message message) {
        Map<String, Object> view = MessageView.of(message);
        if (MessageView.isRaw(message)) {
            System.out.println("Got media message on " + view.get("queue") + ": " + view.get("bytes") + " bytes "
                    + message.contentType() + " (" + message.contentEncoding() + ") sha256=" + view.get("sha256"));
        } else {
            System.out.println("Got media message on " + view.get("queue") + ": " + view.get("body") + " ("
                    + message.contentType() + ")");
        }
        processed.record(view);
    }
}
