package dev.warren.sample.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api}: the routes, for a user with curl. */
@Path("")
public class IndexResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String index() {
        return String.join("\n",
                "Warren sample API",
                "POST /api/feeds?url=URL                         publish a feed import (FeedProducer.importFeed)",
                "POST /api/media/{key}?name=N&size=S&serializer=json|yaml|msgpack",
                "                                                publish {name,size} to exchange media with routing key",
                "                                                video, image or inbox",
                "POST /api/media/{key}/raw  (body: bytes)        publish raw bytes (Content-Type header, default",
                "                                                image/jpeg; encoding binary)",
                "GET  /api/processed[?queue=Q]                   what the message-driven beans processed",
                "DELETE /api/processed                           forget it",
                "GET  /api/poll/{queue}                          take one message with get() (204 when empty)",
                "POST /api/tasks/{name}?queue=Q&wait=S           send a Celery task to a Python worker, body",
                "     (body: {\"args\": [...], \"kwargs\": {}})      {args, kwargs}; the result after up to S s (0: no wait)",
                "GET  /api/metrics                               the adapter's readiness and metrics (docs/observability.md)",
                "GET  /health/ready, /health/live                MicroProfile Health (served by the server, not under /api)",
                "");
    }
}
