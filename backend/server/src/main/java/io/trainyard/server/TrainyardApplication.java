package io.trainyard.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Trainyard", sharedModules = "common")
public class TrainyardApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrainyardApplication.class, args);
    }
}
