package dev.warren.sample.health;

import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health liveness ({@code GET /health/live}): UP while the Warren resource adapter is started. A broker
 * outage does not make the application dead (the adapter recovers by itself), so only readiness follows the broker.
 */
@Liveness
@ApplicationScoped
public class WarrenLiveness implements HealthCheck {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("warren").status(factory.status().live()).build();
        } catch (jakarta.resource.ResourceException | RuntimeException e) {
            return HealthCheckResponse.named("warren").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
