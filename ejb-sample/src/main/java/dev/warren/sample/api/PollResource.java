package dev.warren.sample.api;

import dev.warren.sample.PollService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /api/poll/{queue}}: takes one message with {@code get()} and shows it (it is acknowledged);
 * 204 when the queue is empty, 404 when it does not exist.
 */
@Path("poll")
@Produces(MediaType.APPLICATION_JSON)
public class PollResource {

    @EJB
    private PollService poller;

    @GET
    @Path("{queue}")
    public Response poll(@PathParam("queue") String queue) throws Exception {
        PollService.Result r = poller.poll(queue);
        return switch (r.status()) {
            case MESSAGE -> Response.ok(r.message()).build();
            case EMPTY -> Response.noContent().build();
            case NO_SUCH_QUEUE -> Errors.of(Response.Status.NOT_FOUND, r.error());
        };
    }
}
