package dev.warren.sample.health;

import dev.warren.jca.AdapterStatus;
import dev.warren.jca.WarrenConnectionFactory;
import dev.warren.sample.SampleResources;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness ({@code GET /health/ready}): UP while the Warren resource adapter is ready — every
 * broker connection open, every activation consuming — DOWN during a broker outage, with the reasons as data.
 */
@Readiness
@ApplicationScoped
public class WarrenReadiness implements HealthCheck {

    @Resource(lookup = SampleResources.FACTORY)
    private WarrenConnectionFactory factory;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("warren");
        try {
            AdapterStatus s = factory.status();
            b.status(s.ready()).withData("consumersOpen", s.totals().consumersOpen())
                    .withData("connectionState", String.valueOf(s.totals().connectionState()));
            for (int i = 0; i < s.problems().size(); i++) {
                b.withData("problem" + (i + 1), s.problems().get(i));
            }
        } catch (jakarta.resource.ResourceException | RuntimeException e) {
            b.down().withData("error", String.valueOf(e.getMessage()));
        }
        return b.build();
    }
}
