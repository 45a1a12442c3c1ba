package dev.incidentcommand;

import io.netty.util.ResourceLeakDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IncidentCommandApplication {

    /** Netty's own switch for its buffer leak detector; tests and anyone debugging can turn it on. */
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";
    /** Reactor Netty's number of messages a connection asks for ahead of writing them (128 unless set). */
    private static final String SEND_PREFETCH = "reactor.netty.send.maxPrefetchSize";

    public static void main(String[] args) {
        // The detector samples buffers and records a stack trace for each sampled one: on every
        // database message and response, about 1% of the server's CPU for nothing in production.
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        // Each open WebSocket keeps a queue that long for its outgoing messages, a kilobyte for an
        // idle board; a board receives a few messages a second, and a replay is written 16 at a time.
        if (System.getProperty(SEND_PREFETCH) == null) {
            System.setProperty(SEND_PREFETCH, "16");
        }
        SpringApplication.run(IncidentCommandApplication.class, args);
    }
}
