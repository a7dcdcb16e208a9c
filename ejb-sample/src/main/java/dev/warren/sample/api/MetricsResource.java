package dev.warren.sample.api;

import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * {@code GET /api/metrics}: the Warren resource adapter's status as JSON — readiness and its reasons, the totals, one
 * entry per connection factory, activation and broker connection (docs/observability.md). The same numbers are the
 * MBeans {@code dev.warren:type=...}. The records are written field by field (JSON-B of the server may not know
 * records).
 */
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    @GET
    public JsonValue metrics() throws jakarta.resource.ResourceException {
        return json(factory.status());
    }

    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Record r) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    o.add(c.getName(), json(c.getAccessor().invoke(r)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName(), e);
                }
            }
            return o.build();
        }
        if (value instanceof List<?> list) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            list.forEach(v -> a.add(json(v)));
            return a.build();
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Number n) {
            return Json.createValue(n.longValue());
        }
        return Json.createValue(value.toString());
    }
}
