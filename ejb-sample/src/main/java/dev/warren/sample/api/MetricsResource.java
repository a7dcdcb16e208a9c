package dev.warren.sample.api;

import dev.warren.jca.AdapterStatus;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /api/metrics}: the Warren resource adapter's status as JSON — readiness and its reasons, the totals, one
 * entry per connection factory, activation and broker connection (docs/observability.md). The same numbers are the
 * MBeans {@code dev.warren:type=...}.
 */
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    @GET
    public AdapterStatus metrics() throws jakarta.resource.ResourceException {
        return factory.status();
    }
}
