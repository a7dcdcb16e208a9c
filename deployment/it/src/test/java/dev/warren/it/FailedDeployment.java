package dev.warren.it;

import org.jboss.arquillian.container.test.api.Deployer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Deploys an application that must fail and returns what the server reported. The embedded container logs a failed
 * deployment instead of throwing it to Arquillian, so the server's log records (same JVM) are captured while it
 * deploys; the application is undeployed again whatever happened. Client side only ({@code @RunAsClient}).
 */
public final class FailedDeployment {
    private FailedDeployment() {
    }

    /**
     * @param deployer the class's Arquillian deployer
     * @param name     the unmanaged deployment's name
     * @param marker   text the expected failure's message contains
     * @return the message of the last reported throwable (or cause) containing {@code marker}, or null when the
     *         server reported none
     */
    public static String message(Deployer deployer, String name, String marker) {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getThrown() != null) {
                    reported.add(r.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            deployer.deploy(name);
        } catch (Exception e) {
            reported.add(e);
        } finally {
            root.removeHandler(capture);
            try {
                deployer.undeploy(name);
            } catch (Exception ignored) {
                // it never deployed
            }
        }
        String failure = null;
        for (Throwable t : reported) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (String.valueOf(c.getMessage()).contains(marker)) {
                    failure = c.getMessage();
                }
            }
        }
        return failure;
    }
}
