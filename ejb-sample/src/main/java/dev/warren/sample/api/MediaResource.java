package dev.warren.sample.api;

import dev.warren.sample.MessageView;
import dev.warren.sample.media.MediaService;
import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seeds' media scenario over HTTP:
 * <ul>
 *   <li>{@code POST /api/media/video?name=/tmp/lolcat1.avi&size=1301013&serializer=yaml} — a structured body
 *       with the factory's default serializer, or the one named;</li>
 *   <li>{@code POST /api/media/image/raw} with the image bytes as the body — sent untouched with content
 *       type {@code image/jpeg} (or the request's Content-Type) and encoding {@code binary}; the response
 *       gives the SHA-256 to compare with what the consumer reports.</li>
 * </ul>
 */
@Path("media")
@Produces(MediaType.APPLICATION_JSON)
public class MediaResource {

    @EJB
    private MediaService media;

    @POST
    @Path("{key}")
    public Response publish(@PathParam("key") String key, @QueryParam("name") String name,
                            @QueryParam("size") Long size, @QueryParam("serializer") String serializer) throws Exception {
        if (name == null || name.isBlank()) {
            return Errors.badRequest("Give the media name: POST /api/media/" + key + "?name=/tmp/lolcat1.avi&size=1301013"
                    + "[&serializer=json|yaml|msgpack]");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("size", size == null ? 0L : size);
        media.publish(key, body, serializer);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", "media");
        out.put("routingKey", key);
        out.put("serializer", serializer == null || serializer.isBlank() ? "(factory default)" : serializer);
        out.put("body", body);
        return Response.accepted(Map.of("published", out)).build();
    }

    @POST
    @Path("{key}/raw")
    @Consumes(MediaType.WILDCARD)
    public Response publishRaw(@PathParam("key") String key, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               byte[] data) throws Exception {
        String ct = contentType == null || contentType.isBlank() || contentType.startsWith("application/x-www-form")
                ? "image/jpeg" : contentType;
        media.publishRaw(key, data, ct);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("exchange", "media");
        out.put("routingKey", key);
        out.put("contentType", ct);
        out.put("contentEncoding", "binary");
        out.put("bytes", data.length);
        out.put("sha256", MessageView.sha256(data));
        return Response.accepted(Map.of("published", out)).build();
    }
}
