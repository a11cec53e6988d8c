package io.lintas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core (lead, intake, tenant, connector, ledger) is plain Java: Camel wiring lives in flow and
 * config only, and the canonical lead does not even know Spring or Jackson.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.lintas");
    }

    @Test
    void theRulesSeeTheCode() {
        for (String pkg : new String[] {"io.lintas.lead", "io.lintas.intake", "io.lintas.tenant", "io.lintas.ledger",
                "io.lintas.connector", "io.lintas.flow"}) {
            assertThat(classes.stream().filter(c -> c.getPackageName().equals(pkg))).as(pkg).isNotEmpty();
        }
        assertThat(classes.stream().map(c -> c.getName())).as("test classes are not imported")
                .doesNotContain(ArchitectureTest.class.getName());
    }

    @Test
    void theCoreDoesNotDependOnCamel() {
        noClasses().that().resideInAnyPackage("io.lintas.lead..", "io.lintas.intake..", "io.lintas.tenant..",
                        "io.lintas.connector..", "io.lintas.ledger..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .because("Camel wiring lives in io.lintas.flow and io.lintas.config; the core is plain Java")
                .check(classes);
    }

    @Test
    void theCanonicalLeadIsPlainJava() {
        noClasses().that().resideInAPackage("io.lintas.lead..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.fasterxml..",
                        "org.apache.camel..")
                .because("the canonical lead and its normalisers need nothing but the JDK and libphonenumber")
                .check(classes);
    }

    @Test
    void onlyTheDevSandboxUsesWireMock() {
        noClasses().that().resideOutsideOfPackage("io.lintas.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.tomakehurst..", "org.wiremock..", "wiremock..")
                .because("WireMock is on the runtime classpath only for the dev sandbox (lintas.sandbox.enabled)")
                .check(classes);
    }

    @Test
    void onlyTheDevSandboxUsesGreenMail() {
        noClasses().that().resideOutsideOfPackage("io.lintas.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("com.icegreen..")
                .because("GreenMail is on the runtime classpath only for the dev sandbox's SMTP server (lintas.sandbox.enabled)")
                .check(classes);
    }

    @Test
    void onlyFlowAndConfigUseCamel() {
        noClasses().that().resideOutsideOfPackages("io.lintas.flow..", "io.lintas.config..")
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel..")
                .check(classes);
    }
}
