package dev.warren.sample.api;

import dev.warren.BrokerException;
import dev.warren.EncodeException;
import dev.warren.WarrenException;
import jakarta.ejb.EJBException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Turns failures of the sample's beans into JSON answers that say what went wrong: an unknown serializer
 * is the caller's mistake (400), a broker refusal or an unavailable connection is 502/503.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<Exception> {

    @Override
    public Response toResponse(Exception exception) {
        Throwable t = exception;
        while ((t instanceof EJBException || t instanceof jakarta.ejb.EJBTransactionRolledbackException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof jakarta.ws.rs.WebApplicationException w) {
            return w.getResponse();
        }
        if (t instanceof EncodeException) {
            return Errors.badRequest(t.getMessage());
        }
        if (t instanceof BrokerException) {
            return Errors.of(Response.Status.BAD_GATEWAY, t.getMessage());
        }
        if (t instanceof ResourceException) {
            return Errors.of(Response.Status.SERVICE_UNAVAILABLE, t.getMessage());
        }
        if (t instanceof WarrenException) {
            return Errors.badRequest(t.getMessage());
        }
        return Errors.of(Response.Status.INTERNAL_SERVER_ERROR, String.valueOf(t));
    }
}
