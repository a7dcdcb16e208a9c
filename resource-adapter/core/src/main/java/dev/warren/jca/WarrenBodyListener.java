package dev.warren.jca;

import dev.warren.Message;

/**
 * kombu's callback shape for message-driven beans: {@code def on_message(body, message)}. The body is
 * decoded by content type with the activation's accept list before the call; a message that cannot be
 * decoded (or is not accepted) is not passed in but handled by the failure policy.
 * Threading and errors: as {@link WarrenListener}.
 */
public interface WarrenBodyListener {

    /**
     * @param body the decoded payload (maps, lists, strings, numbers, {@code byte[]} …)
     * @param message the message, for headers, properties and delivery info
     * @throws Exception to have the failure policy applied
     */
    void onMessage(Object body, Message message) throws Exception;
}
