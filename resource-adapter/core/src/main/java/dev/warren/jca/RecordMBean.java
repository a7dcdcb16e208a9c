package dev.warren.jca;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A read-only MBean whose attributes are the components of a snapshot record (capitalised: {@code published} is
 * attribute {@code Published}), read afresh on every access, plus a few extra attributes. Numbers and booleans keep
 * their types; anything else (a state, an instant) is its text, or null. Works on any server's MBean server; no
 * Micrometer needed. Thread-safe.
 */
final class RecordMBean implements DynamicMBean {
    private final Supplier<? extends Record> snapshot;
    private final Supplier<Map<String, Object>> extras;
    private final RecordComponent[] components;
    private final MBeanInfo info;

    /**
     * @param type the record type
     * @param snapshot the current values
     * @param extras more attributes by name (their types are those of the first values read)
     */
    RecordMBean(Class<? extends Record> type, Supplier<? extends Record> snapshot, Supplier<Map<String, Object>> extras) {
        this.snapshot = snapshot;
        this.extras = extras;
        this.components = type.getRecordComponents();
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        for (RecordComponent c : components) {
            Class<?> t = c.getType();
            String open = t == long.class || t == int.class || t == boolean.class ? t.getName() : String.class.getName();
            attributes.add(new MBeanAttributeInfo(capitalised(c.getName()), open, c.getName(), true, false,
                    t == boolean.class));
        }
        for (Map.Entry<String, Object> e : extras.get().entrySet()) {
            Object v = e.getValue();
            String t = v instanceof Boolean ? "boolean" : v instanceof String[] ? String[].class.getName()
                    : String.class.getName();
            attributes.add(new MBeanAttributeInfo(e.getKey(), t, e.getKey(), true, false, v instanceof Boolean));
        }
        this.info = new MBeanInfo(type.getName(), "Warren metrics (docs/observability.md)",
                attributes.toArray(new MBeanAttributeInfo[0]), null, null, null);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private Map<String, Object> values() {
        Record r = snapshot.get();
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + c.getName() + " of " + r.getClass().getName(), e);
            }
            boolean keep = v == null || v instanceof Number || v instanceof Boolean || v instanceof String;
            values.put(capitalised(c.getName()), keep ? v : v.toString());
        }
        values.putAll(extras.get());
        return values;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException, ReflectionException {
        Map<String, Object> values = values();
        if (!values.containsKey(attribute)) {
            throw new AttributeNotFoundException("No attribute " + attribute + " (known: " + values.keySet() + ")");
        }
        return values.get(attribute);
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        Map<String, Object> values = values();
        AttributeList list = new AttributeList();
        for (String a : attributes) {
            if (values.containsKey(a)) {
                list.add(new Attribute(a, values.get(a)));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("Warren metrics are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName), "Warren metrics MBeans have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
