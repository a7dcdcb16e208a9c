package dev.warren;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of the adapter's code (docs/resource-adapter.md, "What is there"): the API knows no client library and no Jakarta API, the
 * RabbitMQ client is used only by the broker layer, the Connector API only by the JCA glue, and no two packages
 * depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "dev.warren", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiIsPlainJava = noClasses().that().resideInAPackage("dev.warren")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "com.rabbitmq..")
            .because("the API (dev.warren) is the kombu vocabulary, usable without a server or a client library");

    @ArchTest
    static final ArchRule connectorApiOnlyInJca = noClasses().that().resideOutsideOfPackage("dev.warren.jca..")
            .should().dependOnClassesThat().resideInAPackage("jakarta.resource..")
            .because("only the JCA glue (dev.warren.jca) speaks the Connector API");

    @ArchTest
    static final ArchRule clientOnlyInBrokerLayer = noClasses().that().resideOutsideOfPackage("dev.warren.amqp..")
            .should().dependOnClassesThat().resideInAPackage("com.rabbitmq..")
            .because("all RabbitMQ client code lives in the broker layer (dev.warren.amqp)");

    /**
     * Each package of dev.warren is one slice, except that the API and its codecs (dev.warren.serialization) are one:
     * the API's Message and SessionConfig carry a MessageCodec and an Accept list, and the codecs throw the API's
     * exceptions (EncodeException, DecodeException, ContentDisallowedException), so they form one layer; the API's
     * internal helpers (dev.warren.internal: Message's factory for the layers above) belong to it too.
     */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals("dev.warren") || p.equals("dev.warren.serialization") || p.equals("dev.warren.internal")) {
                return SliceIdentifier.of("dev.warren with dev.warren.serialization");
            }
            if (p.startsWith("dev.warren.")) {
                String rest = p.substring("dev.warren.".length());
                int dot = rest.indexOf('.');
                return SliceIdentifier.of("dev.warren." + (dot < 0 ? rest : rest.substring(0, dot)));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.warren";
        }
    };

    @ArchTest
    static final ArchRule noCycles = slices().assignedFrom(PACKAGES).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiDependsOnNoLayerAboveIt = noClasses().that().resideInAPackage("dev.warren")
            .should().dependOnClassesThat().resideInAnyPackage("dev.warren.amqp..", "dev.warren.jca..")
            .because("the API is the bottom layer; the broker layer and the JCA glue build on it");

    @ArchTest
    static final ArchRule brokerInternalsOnlyForTheBrokerLayerAndTheJcaGlue = noClasses()
            .that().resideOutsideOfPackages("dev.warren.amqp..", "dev.warren.jca..")
            .should().dependOnClassesThat().resideInAPackage("dev.warren.amqp.internal..")
            .because("dev.warren.amqp.internal (ChannelSession, SupervisedChannel) is not API: public only for the"
                    + " JCA glue; applications open sessions through Warren.open or the connection factory");

    @ArchTest
    static final ArchRule apiInternalsOnlyForTheLayersAbove = noClasses()
            .that().resideOutsideOfPackages("dev.warren", "dev.warren.internal..", "dev.warren.amqp..",
                    "dev.warren.jca..")
            .should().dependOnClassesThat().resideInAPackage("dev.warren.internal..")
            .because("dev.warren.internal (Message's factory) is not API: only sessions and the JCA glue create"
                    + " messages");

    @ArchTest
    static final ArchRule celeryIsAnAddOnOverTheApi = noClasses().that().resideInAPackage("dev.warren.celery..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.warren.amqp..", "dev.warren.jca..", "jakarta..",
                    "com.rabbitmq..")
            .because("the Celery add-on speaks the task protocol over the API's Session, usable in Java SE and in the"
                    + " server alike; the JCA glue builds on it, not the other way round");

    @ArchTest
    static final ArchRule openTelemetryOnlyInItsBackend = noClasses().that()
            .haveNameNotMatching("dev\\.warren\\.tracing\\.OpenTelemetryBackend(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..")
            .because("OpenTelemetry's API is optional: one class uses it, loaded by reflection only when the API is"
                    + " present (Tracing), so no other class can fail with NoClassDefFoundError without it");

    @ArchTest
    static final ArchRule tracingIsALeaf = noClasses().that().resideInAPackage("dev.warren.tracing")
            .should().dependOnClassesThat().resideInAnyPackage("dev.warren", "dev.warren.amqp..", "dev.warren.jca..",
                    "dev.warren.serialization..", "dev.warren.celery..")
            .because("the API, the broker layer and the JCA glue all use it, so it takes headers as plain maps");
}
