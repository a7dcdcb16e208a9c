package dev.warren.it.tls;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the TLS MDB received. */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TlsRecorder {
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    public void received(String body) {
        bodies.add(body);
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }
}
