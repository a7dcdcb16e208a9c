package dev.warren.sample.api;

import dev.warren.sample.tasks.CeleryTaskService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/tasks/{name}?queue=…&wait=10} with body {@code {"args": [2, 3], "kwargs": {}}}: sends a Celery
 * task to a Python worker and returns its result (wait in seconds; 0 sends without waiting for one).
 */
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @EJB
    private CeleryTaskService tasks;

    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public Response send(@PathParam("name") String name, @QueryParam("queue") String queue,
                         @QueryParam("wait") Integer wait, Map<String, Object> body) throws Exception {
        Object args = body == null ? List.of() : body.getOrDefault("args", List.of());
        Object kwargs = body == null ? Map.of() : body.getOrDefault("kwargs", Map.of());
        if (!(args instanceof List) || !(kwargs instanceof Map)) {
            return Errors.badRequest("Send {\"args\": [...], \"kwargs\": {...}}: args is a list, kwargs an object.");
        }
        int seconds = wait == null ? 10 : wait;
        if (seconds < 0 || seconds > 300) {
            return Errors.badRequest("wait=" + wait + " is out of range. Fix: 0 (do not wait) to 300 seconds.");
        }
        return Response.ok(tasks.send(name, (List<Object>) args, (Map<String, Object>) kwargs, queue,
                Duration.ofSeconds(seconds))).build();
    }
}
