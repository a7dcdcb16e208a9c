package dev.warren.it;

import dev.warren.testsupport.BuiltRar;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;

/** The real rar from the reactor build (copied to target/rar by the dependency plugin). */
public final class DeploymentsAccess {
    public static final String RAR_NAME = System.getProperty("warren.rar.name", "warren");

    private DeploymentsAccess() {
    }

    public static ResourceAdapterArchive rar() {
        return BuiltRar.archive();
    }
}
