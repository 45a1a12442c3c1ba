package dev.incidentcommand;

import io.netty.util.ResourceLeakDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IncidentCommandApplication {

    /** Netty's own switch for its buffer leak detector; tests and anyone debugging can turn it on. */
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        // The detector samples buffers and records a stack trace for each sampled one: on every
        // database message and response, about 1% of the server's CPU for nothing in production.
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        SpringApplication.run(IncidentCommandApplication.class, args);
    }
}
