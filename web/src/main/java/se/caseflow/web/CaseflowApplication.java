package se.caseflow.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** caseflow: the case platform. One Spring Boot application, wired from the modules' auto-configurations. */
@SpringBootApplication(scanBasePackages = {"se.caseflow.web", "se.caseflow.domain"})
@ConfigurationPropertiesScan("se.caseflow.web")
public class CaseflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(CaseflowApplication.class, args);
    }
}
