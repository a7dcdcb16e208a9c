package dev.warren.jca;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The Payara-style {@code resourceAdapter} activation property is accepted and ignored, the way a server sets
 * activation properties: a public setter found by name, invoked with the string value.
 */
class ResourceAdapterPropertyTest {

    @Test
    void aStringResourceAdapterPropertyIsAcceptedAndChangesNothing() throws Exception {
        WarrenResourceAdapter adapter = new WarrenResourceAdapter();
        WarrenActivationSpec spec = new WarrenActivationSpec();
        spec.setQueue("feed");
        spec.setResourceAdapter(adapter);
        ActivationConfig before = spec.toConfig();

        Method setter = WarrenActivationSpec.class.getMethod("setResourceAdapter", String.class);
        setter.invoke(spec, "warren");
        spec.validate();

        assertSame(adapter, spec.getResourceAdapter(), "the server's association is untouched");
        assertEquals(before, spec.toConfig(), "no consumption setting changes");
    }
}
