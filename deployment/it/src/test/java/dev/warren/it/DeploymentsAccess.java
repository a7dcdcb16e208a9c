package dev.warren.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;

import java.io.File;

/** The real rar from the reactor build (copied to target/rar by the dependency plugin). */
public final class DeploymentsAccess {
    public static final String RAR_NAME = System.getProperty("warren.rar.name", "warren");

    private DeploymentsAccess() {
    }

    public static ResourceAdapterArchive rar() {
        File f = new File(System.getProperty("warren.rar.file", "target/rar/warren.rar"));
        if (!f.isFile()) {
            throw new IllegalStateException("The warren rar is missing at " + f + ". Fix: run the build from the"
                    + " project root (mvn verify) so the rar module is packaged first.");
        }
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, f);
    }
}
