package dev.warren.sample.api;

import dev.warren.sample.feed.FeedImportService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * {@code POST /api/feeds?url=...}: publishes a feed import; the FeedImporter
 * bean prints {@code Got feed import message for: <url>}.
 */
@Path("feeds")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    @EJB
    private FeedImportService feeds;

    @POST
    public Response importFeed(@QueryParam("url") String url) throws Exception {
        if (url == null || url.isBlank()) {
            return Errors.badRequest("Give the feed URL: POST /api/feeds?url=http://cnn.com/rss");
        }
        feeds.importFeed(url);
        return Response.accepted(Map.of("published", Map.of("exchange", "feed", "routingKey", "importer",
                "body", Map.of("import_feed", url)))).build();
    }
}
