package dev.threadhound.samples.libraries;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A MongoDB client made per call and never closed, each call's query given up after 200 ms (nothing listens on
 * 127.0.0.1:1): each call leaves its client's server monitor thread and its connection pool's maintenance executor
 * behind. {@code --fixed}: one client for every call, kept open for the program's life, as a service keeps it; its
 * monitor checks the server once a second, waiting in between.
 */
public final class MongoPerCall {

    private static final String SERVER = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&heartbeatFrequencyMS=1000";

    private MongoPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        MongoClient shared = fixed ? MongoClients.create(SERVER) : null;
        int calls = 16;
        for (int call = 0; call < calls; call++) {
            databases(fixed ? shared : MongoClients.create(SERVER));
            Thread.sleep(300);
        }
        // the clients made last settle down, as a service between requests does
        Thread.sleep(8_000);
        System.out.println("mongo: " + calls + " calls; main returns");
    }

    private static String databases(MongoClient client) {
        try {
            return client.listDatabaseNames().first();
        } catch (MongoException e) {
            return "no server: " + e.getClass().getSimpleName();
        }
    }
}
