package dev.warren.sample.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/** JSON error responses. */
final class Errors {
    private Errors() {
    }

    static Response badRequest(String message) {
        return of(Response.Status.BAD_REQUEST, message);
    }

    static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
