package dev.threadhound.samples.libraries;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;

/**
 * A JMS connection per order sent, never closed: each ActiveMQ connection keeps a thread of its own reading its
 * socket, in a socket read for as long as the connection lives, and an executor. The broker runs in the same JVM on
 * loopback TCP and keeps a thread per connection too, reading the other end: a server's threads, which are no
 * leak of the sender. With {@code --fixed} each connection is closed.
 */
public final class JmsPerCall {

    private static final int ORDERS = 12;

    private JmsPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        BrokerService broker = new BrokerService();
        broker.setPersistent(false);
        broker.setUseJmx(false);
        String url = broker.addConnector("tcp://127.0.0.1:0").getPublishableConnectString();
        broker.start();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        // spread over longer than stuckAfter: the connections keep piling up, they were not opened together
        for (int i = 0; i < ORDERS; i++) {
            send(factory, "order-" + i, fixed);
            Thread.sleep(450);
        }
        System.out.println("jms-per-call: " + ORDERS + " orders sent");
        Thread.sleep(6_000);
        System.out.println("jms-per-call: done");
        System.exit(0);
    }

    /** One order: a connection of its own; the misuse never closes it. */
    private static void send(ActiveMQConnectionFactory factory, String order, boolean fixed) throws JMSException {
        Connection connection = factory.createConnection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("orders")).send(session.createTextMessage(order));
        if (fixed) {
            connection.close();
        }
    }
}
