package dev.warren.sample.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's HTTP API, under {@code /api}. See {@link IndexResource} for the routes. */
@ApplicationPath("api")
public class SampleApi extends Application {
}
