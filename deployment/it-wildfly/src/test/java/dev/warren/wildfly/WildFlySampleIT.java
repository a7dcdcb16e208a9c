package dev.warren.wildfly;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample WAR, unchanged, on WildFly: its own jboss-ejb3.xml binds its MDBs (FeedImporter by annotation, the
 * VideoConsumer activation from ejb-jar.xml) to warren.rar, its jboss-web.xml maps its resource names to the ones
 * sample.cli created. Driven through its HTTP API, as a user would.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class WildFlySampleIT {
    private static final String BASE = System.getProperty("warren.wildfly.http", "http://127.0.0.1:18080")
            + "/warren-sample/api";
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return WildFlyDeployments.rar();
    }

    @Deployment(name = "sample", order = 2, testable = false)
    public static WebArchive sample() {
        File f = new File(System.getProperty("warren.sample.file", "target/sample/warren-sample.war"));
        if (!f.isFile()) {
            throw new IllegalStateException("The sample WAR is missing at " + f + ". Fix: run the build from the"
                    + " project root (mvn verify) so ejb-sample is packaged first.");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, f);
    }

    @Test
    public void theSampleImportsAFeedAndConsumesMediaThroughItsOwnWildFlyBindings() throws Exception {
        String url = "http://cnn.com/rss/edition.rss?wildfly=" + RUN;
        HttpResponse<String> feed = send(HttpRequest.newBuilder(URI.create(BASE + "/feeds?url=" + enc(url)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(202, feed.statusCode(), feed.body());
        assertTrue(awaitProcessed("feed", url), "FeedImporter (annotation MDB) processed the feed import");

        String avi = "/tmp/lolcat-wildfly-" + RUN + ".avi";
        HttpResponse<String> media = send(HttpRequest.newBuilder(URI.create(BASE + "/media/video?name=" + enc(avi)
                + "&size=1301013&serializer=yaml")).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertTrue(media.statusCode() / 100 == 2, media.statusCode() + " " + media.body());
        assertTrue(awaitProcessed("video", avi), "VideoConsumer (ejb-jar.xml activation) processed the yaml message");
    }

    private boolean awaitProcessed(String queue, String text) throws Exception {
        String last = "";
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            last = send(HttpRequest.newBuilder(URI.create(BASE + "/processed?queue=" + queue)).GET().build()).body();
            if (last.contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not processed on " + queue + " within 15 s: " + text + "; /processed said " + last);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
