package dev.warren.sample.tasks;

import dev.warren.celery.AsyncResult;
import dev.warren.celery.CeleryClient;
import dev.warren.celery.ResultTimeoutException;
import dev.warren.celery.TaskFailedException;
import dev.warren.celery.TaskOptions;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ResourceException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a task to a Python Celery worker (Celery's {@code send_task}) on a pooled Warren connection and, when asked,
 * waits for its result from the {@code rpc://} backend. Not transacted: inside a container transaction the task
 * would only be published at commit, after the wait.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CeleryTaskService {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    /**
     * @param task the task name, e.g. tasks.add
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param queue the worker's queue, or null for Celery's default (celery)
     * @param wait how long to wait for the result; zero sends without waiting
     * @return {id, task, status} and, after a wait, result or error {type, message, traceback}
     * @throws ResourceException when no pooled connection can be had
     */
    public Map<String, Object> send(String task, List<Object> args, Map<String, Object> kwargs, String queue,
                                    Duration wait) throws ResourceException {
        TaskOptions.Builder options = TaskOptions.builder();
        if (queue != null && !queue.isBlank()) {
            options.queue(queue);
        }
        if (wait.isZero()) {
            options.ignoreResult(true);
        }
        try (WarrenConnection connection = factory.getConnection();
             CeleryClient celery = CeleryClient.open(connection)) {
            AsyncResult r = celery.send(task, args, kwargs, options.build());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", r.id());
            out.put("task", task);
            if (wait.isZero()) {
                out.put("status", "SENT");
                return out;
            }
            try {
                out.put("result", r.get(wait));
            } catch (TaskFailedException e) {
                out.put("error", Map.of("type", e.excType(), "message", String.valueOf(e.excMessage()),
                        "traceback", String.valueOf(e.traceback())));
            } catch (ResultTimeoutException e) {
                out.put("error", Map.of("type", "Timeout", "message", e.getMessage()));
            }
            out.put("status", r.status());
            return out;
        }
    }
}
