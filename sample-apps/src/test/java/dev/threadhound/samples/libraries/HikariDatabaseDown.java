package dev.threadhound.samples.libraries;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A HikariCP pool whose database is down (an H2 server address nobody listens on): three order savers each ask for a
 * connection, wait the pool's {@code connectionTimeout} (3 s, longer than the tests' {@code stuckAfter}) for one
 * that never comes, and ask again, for as long as the program runs. Stuck all along, in a loop that wakes every
 * 3 s: one finding from the first time it is judged to the end, not one that clears between two time-outs.
 */
public final class HikariDatabaseDown {

    private static final int SAVERS = 3;

    private HikariDatabaseDown() {
    }

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:tcp://127.0.0.1:1/mem:orders");
        config.setUsername("sa");
        // the pool starts although the database is down, as a service started before its database does
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(3_000);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        for (int i = 0; i < SAVERS; i++) {
            Thread saver = new Thread(() -> saveOrders(pool), "order-saver-" + i);
            saver.setDaemon(true);
            saver.start();
        }
        Thread.sleep(40_000);
        System.out.println("hikari-database-down: done");
        System.exit(0);
    }

    private static void saveOrders(HikariDataSource pool) {
        while (true) {
            try (Connection connection = pool.getConnection()) {
                System.out.println("hikari-database-down: connected, which it never should");
            } catch (SQLException e) {
                // timed out waiting for a connection: try again, as a retrying caller does
            }
        }
    }
}
