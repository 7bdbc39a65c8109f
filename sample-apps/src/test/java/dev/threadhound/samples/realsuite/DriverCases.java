package dev.threadhound.samples.realsuite;

import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading MySQL Connector/J starts its {@code mysql-cj-abandoned-connection-cleanup} thread: the static initializer
 * of {@code AbandonedConnectionCleanupThread} creates a single-thread executor and hands it the cleanup loop, once
 * for the process. The first test to ask {@link DriverManager} for the driver loads it; no test leaks it.
 */
class DriverCases {

    private static final String URL = "jdbc:mysql://127.0.0.1:3306/shop";

    @Test
    void findsTheMysqlDriver() throws SQLException {
        assertEquals("com.mysql.cj.jdbc.Driver", DriverManager.getDriver(URL).getClass().getName());
    }

    @Test
    void readsTheDriversVersion() throws SQLException {
        assertTrue(DriverManager.getDriver(URL).getMajorVersion() >= 8);
    }
}
