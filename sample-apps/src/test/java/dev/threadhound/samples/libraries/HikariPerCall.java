package dev.threadhound.samples.libraries;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A HikariCP pool opened per call (on an in-memory H2 database) and never closed: each call's query works, and each
 * leaves its pool's housekeeping executor behind. {@code --fixed}: one pool for every call, closed at the end.
 */
public final class HikariPerCall {

    private HikariPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        HikariDataSource shared = fixed ? pool() : null;
        int calls = 8;
        for (int call = 0; call < calls; call++) {
            count(fixed ? shared : pool());
            Thread.sleep(300);
        }
        // the pools made last settle down, as a service between requests does
        Thread.sleep(3_000);
        System.out.println("hikari: " + calls + " calls; main returns");
        if (fixed) {
            shared.close();
        }
    }

    private static HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(2);
        return new HikariDataSource(config);
    }

    private static int count(HikariDataSource orders) throws Exception {
        try (Connection c = orders.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
