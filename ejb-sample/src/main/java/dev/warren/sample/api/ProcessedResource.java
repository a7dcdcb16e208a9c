package dev.warren.sample.api;

import dev.warren.sample.ProcessedLog;
import jakarta.ejb.EJB;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/** {@code GET /api/processed[?queue=video]}: what the message-driven beans processed, oldest first. */
@Path("processed")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessedResource {

    @EJB
    private ProcessedLog log;

    @GET
    public List<Map<String, Object>> processed(@QueryParam("queue") String queue) {
        return log.entries(queue);
    }

    @DELETE
    public void clear() {
        log.clear();
    }
}
