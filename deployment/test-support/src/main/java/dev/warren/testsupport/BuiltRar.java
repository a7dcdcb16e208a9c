package dev.warren.testsupport;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;

import java.io.File;

/** The real rar from the reactor build, which a test module's dependency plugin copied to target/rar/warren.rar. */
public final class BuiltRar {
    private BuiltRar() {
    }

    /**
     * @return the file named by the system property {@code warren.rar.file} (default target/rar/warren.rar) as an
     *         archive named warren.rar
     * @throws IllegalStateException if the file is not there, with the fix
     */
    public static ResourceAdapterArchive archive() {
        File f = new File(System.getProperty("warren.rar.file", "target/rar/warren.rar"));
        if (!f.isFile()) {
            throw new IllegalStateException("The warren rar is missing at " + f + ". Fix: run the build from the"
                    + " project root (mvn verify) so the rar module is packaged first.");
        }
        return ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, f);
    }
}
