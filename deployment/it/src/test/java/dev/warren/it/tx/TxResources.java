package dev.warren.it.tx;

import dev.warren.Exchange;
import dev.warren.jca.WarrenConnection;
import dev.warren.jca.WarrenConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The side effects of the rollback tests: a row in Payara's default DataSource (jdbc/__default, the embedded H2)
 * and a publish through a transactional Warren connection factory, both in the caller's transaction.
 */
@ConnectionFactoryDefinition(name = "java:app/warren/tx-cf", resourceAdapter = "warren",
        interfaceName = "dev.warren.jca.WarrenConnectionFactory",
        transactionSupport = TransactionSupportLevel.LocalTransaction, maxPoolSize = 4,
        properties = {"uri=amqp://guest:guest@127.0.0.1:5672/%2F", "connectionName=warren-it-tx-sender"})
@Stateless
public class TxResources {
    public static final String OUT = "warren-it-rollback-out";

    @Resource(lookup = "jdbc/__default")
    DataSource dataSource;

    @Resource(lookup = "java:app/warren/tx-cf")
    WarrenConnectionFactory factory;

    /** In the caller's transaction: one row and one publish, both carrying the id. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void insertAndPublish(String kind, String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO WARREN_IT_ROWS (KIND, ID) VALUES (?, ?)")) {
            s.setString(1, kind);
            s.setString(2, id);
            s.executeUpdate();
        }
        try (WarrenConnection w = factory.getConnection()) {
            w.producer(Exchange.DEFAULT).publish(kind + ":" + id, OUT);
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS WARREN_IT_ROWS (KIND VARCHAR(16), ID VARCHAR(64))");
        }
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int rows(String kind, String id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM WARREN_IT_ROWS WHERE KIND = ? AND ID = ?")) {
            s.setString(1, kind);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
