package dev.incidentcommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class IncidentCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(IncidentCommandApplication.class, args);
    }
}
