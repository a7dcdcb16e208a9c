package dev.warren.wildfly;

import dev.warren.testsupport.BuiltRar;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real rar from the reactor build and the WildFly descriptors every test application carries. */
public final class WildFlyDeployments {
    private WildFlyDeployments() {
    }

    /** @return target/rar/warren.rar, deployed under its file name warren.rar (the name warren.cli binds) */
    public static ResourceAdapterArchive rar() {
        return BuiltRar.archive();
    }

    /**
     * @param name the war's file name
     * @param mdbs whether it carries message-driven beans (then jboss-ejb3.xml binds them to warren.rar)
     * @return a war that sees the adapter's classes through a module dependency on deployment.warren.rar
     */
    public static WebArchive war(String name, boolean mdbs) {
        WebArchive war = ShrinkWrap.create(WebArchive.class, name)
                .addAsWebInfResource("wildfly/jboss-deployment-structure.xml", "jboss-deployment-structure.xml");
        if (mdbs) {
            war.addAsWebInfResource("wildfly/jboss-ejb3.xml", "jboss-ejb3.xml");
        }
        return war;
    }
}
