package dev.warren.jca;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written {@code resource-adapter/rar/src/main/rar/META-INF/ra.xml} (copied to the test class path by the
 * core pom) against the code: every config-property of the resource adapter, the connection definition, each
 * activation spec and each admin object is a JavaBean property of its class, with the same type and the same
 * default, and every JavaBean property those classes expose is described there. Differences are collected and
 * reported together.
 */
class RaXmlTest {
    /** JCA contract accessors, set by the server itself, not config properties (reference: jakarta.resource.Referenceable). */
    private static final Set<String> CONTRACT = Set.of("resourceAdapter", "logWriter", "reference");

    private static Document raXml;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = RaXmlTest.class.getResourceAsStream("/warren-rar-descriptor/ra.xml")) {
            assertNotNull(in, "ra.xml is not on the test class path: the core pom copies it from"
                    + " ../rar/src/main/rar/META-INF (testResources)");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            raXml = f.newDocumentBuilder().parse(in);
        }
    }

    /** One config-property as ra.xml declares it. */
    record ConfigProperty(String name, String type, String value, String description) {
    }

    @Test
    void everyClassInRaXmlMatchesItsJavaBeanProperties() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Element> owners = owners();
        assertEquals(Set.of("resourceadapter-class", "managedconnectionfactory-class", "activationspec-class",
                "adminobject-class"), new TreeSet<>(owners.keySet().stream().map(k -> k.split(" ")[0]).toList()),
                "ra.xml declares the four kinds of JavaBeans");
        for (Map.Entry<String, Element> e : owners.entrySet()) {
            String className = e.getKey().split(" ")[1];
            Class<?> type = Class.forName(className);
            Object fresh = type.getDeclaredConstructor().newInstance();
            Map<String, PropertyDescriptor> beanProperties = beanProperties(type);
            Map<String, ConfigProperty> declared = configProperties(e.getValue());
            for (ConfigProperty cp : declared.values()) {
                String where = e.getKey() + " config-property " + cp.name();
                PropertyDescriptor pd = beanProperties.get(cp.name());
                if (pd == null) {
                    problems.add(where + ": no JavaBean property of that name (getter and setter) in " + className);
                    continue;
                }
                if (!pd.getPropertyType().getName().equals(cp.type())) {
                    problems.add(where + ": ra.xml says " + cp.type() + ", the code " + pd.getPropertyType().getName());
                }
                String codeDefault = codeDefault(e.getKey(), cp.name(), pd.getReadMethod().invoke(fresh));
                String xmlDefault = cp.value() == null ? "" : cp.value();
                if (!xmlDefault.equals(codeDefault)) {
                    problems.add(where + ": ra.xml default '" + xmlDefault + "', the code's '" + codeDefault + "'");
                }
                if (cp.description() == null || cp.description().isBlank()) {
                    problems.add(where + ": no description");
                } else if (!(cp.description().contains("Default") || cp.description().contains("Required")
                        || cp.description().contains("inherit"))) {
                    problems.add(where + ": the description does not say the default (Default: …, Required or"
                            + " empty = inherit)");
                }
            }
            for (String property : beanProperties.keySet()) {
                if (!declared.containsKey(property)) {
                    problems.add(e.getKey() + ": JavaBean property " + property + " is not a config-property in"
                            + " ra.xml");
                }
            }
        }
        assertTrue(problems.isEmpty(), "ra.xml and the code disagree:\n" + String.join("\n", problems));
    }

    /**
     * The configuration reference ({@code docs/configuration.md}, copied to the test class path by the core pom) has a
     * table row for every config-property of ra.xml, under the section of its owner (the connection overrides of the
     * factory and the activation spec are described once, in the adapter's table).
     */
    @Test
    void theConfigurationReferenceDescribesEveryRaXmlProperty() throws Exception {
        String doc;
        try (InputStream in = RaXmlTest.class.getResourceAsStream("/warren-docs/configuration.md")) {
            assertNotNull(in, "docs/configuration.md is not on the test class path (core pom testResources)");
            doc = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, String> sectionOf = Map.of("resourceadapter-class", "## Resource adapter",
                "managedconnectionfactory-class", "## Connection definition",
                "activationspec-class", "## Activation spec",
                "adminobject-class dev.warren.jca.ExchangeDefinition", "## Admin object `dev.warren.jca.ExchangeDefinition`",
                "adminobject-class dev.warren.jca.QueueDefinition", "## Admin object `dev.warren.jca.QueueDefinition`");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Element> e : owners().entrySet()) {
            String key = e.getKey().replaceAll(" #\\d+$", "");
            String heading = sectionOf.getOrDefault(key, sectionOf.get(key.split(" ")[0]));
            int start = doc.indexOf(heading);
            if (start < 0) {
                problems.add(key + ": no section '" + heading + "' in docs/configuration.md");
                continue;
            }
            int end = doc.indexOf("\n## ", start + heading.length());
            String section = doc.substring(start, end < 0 ? doc.length() : end);
            boolean connectionOverrides = key.startsWith("managedconnectionfactory-class")
                    || key.startsWith("activationspec-class");
            for (ConfigProperty cp : configProperties(e.getValue()).values()) {
                boolean inherited = connectionOverrides && doc.contains("| `" + cp.name() + "` |")
                        && doc.indexOf("| `" + cp.name() + "` |") < doc.indexOf(sectionOf.get("managedconnectionfactory-class"));
                if (!section.contains("| `" + cp.name() + "` |") && !inherited) {
                    problems.add(key + ": config-property " + cp.name() + " has no row in docs/configuration.md");
                }
            }
        }
        assertTrue(problems.isEmpty(), "docs/configuration.md misses ra.xml properties:\n" + String.join("\n", problems));
    }

    /**
     * @return the default the code gives a property, as text: its getter's value on a fresh instance ("" when
     *         unset; the adapter's connection properties stay unset in code and in ra.xml, and their descriptions
     *         state the effective default that BrokerSettings applies)
     */
    private static String codeDefault(String owner, String property, Object getterValue) {
        return getterValue == null ? "" : String.valueOf(getterValue);
    }

    /** @return "kind className" (with #2 … for a class declared again, e.g. the activation spec of each listener) -> the element holding its properties */
    private static Map<String, Element> owners() {
        Map<String, Element> out = new LinkedHashMap<>();
        for (String kind : List.of("resourceadapter-class", "managedconnectionfactory-class", "activationspec-class",
                "adminobject-class")) {
            NodeList nodes = raXml.getElementsByTagName(kind);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element classElement = (Element) nodes.item(i);
                String key = kind + " " + classElement.getTextContent().trim();
                for (int n = 2; out.containsKey(key); n++) {
                    key = kind + " " + classElement.getTextContent().trim() + " #" + n;
                }
                out.put(key, (Element) classElement.getParentNode());
            }
        }
        return out;
    }

    /** @return the config-property children of one owner element (not those of nested owners), by name */
    private static Map<String, ConfigProperty> configProperties(Element owner) {
        Map<String, ConfigProperty> out = new LinkedHashMap<>();
        for (Node n = owner.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals("config-property")) {
                Element cp = (Element) n;
                ConfigProperty p = new ConfigProperty(text(cp, "config-property-name"), text(cp, "config-property-type"),
                        text(cp, "config-property-value"), text(cp, "description"));
                assertTrue(out.put(p.name(), p) == null, "config-property " + p.name() + " twice in one owner");
            }
        }
        return out;
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    /** @return the public JavaBean properties with both accessors, JCA contract accessors excluded */
    private static Map<String, PropertyDescriptor> beanProperties(Class<?> type) throws Exception {
        Map<String, PropertyDescriptor> out = new LinkedHashMap<>();
        for (PropertyDescriptor pd : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
            if (pd.getReadMethod() != null && pd.getWriteMethod() != null && !CONTRACT.contains(pd.getName())) {
                out.put(pd.getName(), pd);
            }
        }
        return out;
    }
}
