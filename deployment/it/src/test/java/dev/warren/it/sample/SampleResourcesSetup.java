package dev.warren.it.sample;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import org.glassfish.embeddable.CommandResult;
import org.glassfish.embeddable.CommandRunner;
import org.glassfish.internal.api.Globals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Plays the deployer for {@link SampleIT}: when its small WAR is deployed (after the rar, before the sample WAR)
 * it runs the asadmin recipe of docs/sample-and-demo.md through embedded Payara's {@link CommandRunner}, so the
 * sample finds the same global JNDI names a real deployment gives it ({@code warren/sample},
 * {@code warren/exchange/media}, {@code warren/queue/{video,image,inbox}}). A command that fails fails the
 * deployment. Undeploying it removes the resources again, so the rar can be undeployed.
 */
@WebListener
public class SampleResourcesSetup implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(SampleResourcesSetup.class.getName());
    static final String RAR = System.getProperty("warren.rar.name", "warren");
    static final String POOL = "warren-sample-pool";

    @Override
    public void contextInitialized(ServletContextEvent sce) {
        run(true, "create-admin-object", "--raname", RAR, "--restype", "dev.warren.jca.ExchangeDefinition",
                "--property", "name=media:type=direct:durable=true", "warren/exchange/media");
        for (String q : List.of("video", "image", "inbox")) {
            run(true, "create-admin-object", "--raname", RAR, "--restype", "dev.warren.jca.QueueDefinition",
                    "--property", "name=" + q + ":bindings=media\\:" + q, "warren/queue/" + q);
        }
        run(true, "create-connector-connection-pool", "--raname", RAR,
                "--connectiondefinition", "dev.warren.jca.WarrenConnectionFactory", "--steadypoolsize", "0",
                "--maxpoolsize", "16", "--property", "defaultSerializer=json:accept=json,yaml,msgpack,text,raw", POOL);
        run(true, "create-connector-resource", "--poolname", POOL, "warren/sample");
    }

    @Override
    public void contextDestroyed(ServletContextEvent sce) {
        run(false, "delete-connector-resource", "warren/sample");
        run(false, "delete-connector-connection-pool", POOL);
        for (String name : List.of("warren/queue/inbox", "warren/queue/image", "warren/queue/video",
                "warren/exchange/media")) {
            run(false, "delete-admin-object", name);
        }
    }

    private static void run(boolean mustSucceed, String command, String... args) {
        CommandRunner runner = Globals.getDefaultBaseServiceLocator().getService(CommandRunner.class);
        CommandResult r = runner.run(command, args);
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(args));
        LOG.info("asadmin " + String.join(" ", line) + ": " + r.getExitStatus() + " " + r.getOutput().trim());
        if (mustSucceed && r.getExitStatus() != CommandResult.ExitStatus.SUCCESS) {
            throw new IllegalStateException("asadmin " + String.join(" ", line) + " failed: " + r.getOutput(),
                    r.getFailureCause());
        }
    }
}
