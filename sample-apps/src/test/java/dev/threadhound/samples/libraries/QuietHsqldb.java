package dev.threadhound.samples.libraries;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * An embedded HSQLDB file database that takes a thousand rows and then gets no query for a while, its connection
 * kept open: a control that must stay quiet, as HSQLDB's timer waits for the next beat of the database's lock file.
 */
public final class QuietHsqldb {

    private QuietHsqldb() {
    }

    public static void main(String[] args) throws Exception {
        String path = Files.createTempDirectory("quiet-hsqldb").resolve("orders").toString();
        Connection connection = DriverManager.getConnection("jdbc:hsqldb:file:" + path, "SA", "");
        try (Statement s = connection.createStatement()) {
            s.execute("create table orders(id int primary key, item varchar(40))");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into orders values(?, ?)")) {
            for (int i = 0; i < 1_000; i++) {
                insert.setInt(1, i);
                insert.setString(2, "order-" + i);
                insert.executeUpdate();
            }
        }
        int rows;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select count(*) from orders")) {
            r.next();
            rows = r.getInt(1);
        }
        // nothing more is asked, to the end: the timer is still waiting when the agent writes its report
        Thread.sleep(8_000);
        System.out.println("quiet-hsqldb: " + rows + " rows; done");
        System.exit(0);
    }
}
