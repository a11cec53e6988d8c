package io.lintas;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Lintas: a lead-to-cash connector hub. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LintasApplication {

    public static void main(String[] args) {
        SpringApplication.run(LintasApplication.class, args);
    }
}
