package org.fitsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.stream.Stream;
import org.fitsync.adapter.postgres.archviolation.PostgresAdapterCallingHttpAdapter;
import org.fitsync.app.wiring.ReachingIntoRunsWiring;
import org.fitsync.domain.archviolation.DomainUsingJackson;
import org.fitsync.ports.archviolation.PortLeakingJdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Evaluates ARCHITECTURE.md's rules on FitSync's production classes, and proves each rule bites by
 * evaluating it against deliberately violating classes kept in these test sources.
 */
class ArchitectureTest {

    /** Production classes only: test classes and test-jars (the seeded violations) are left out. */
    private static final ImportOption PRODUCTION_ONLY =
            (Location location) -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("org.fitsync");
    }

    @Test
    void productionClassesAreImported() {
        // Guards against a rule passing vacuously because nothing was imported.
        assertThat(production.containPackage("org.fitsync.domain")).isTrue();
        assertThat(production.containPackage("org.fitsync.ports.out")).isTrue();
        assertThat(production.containPackage("org.fitsync.adapter.http")).isTrue();
        assertThat(production.containPackage("org.fitsync.adapter.postgres")).isTrue();
        assertThat(production.containPackage("org.fitsync.app")).isTrue();
    }

    static Stream<ArchRule> rules() {
        return ArchitectureRules.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void productionCodeFollowsTheRule(ArchRule rule) {
        rule.check(production);
    }

    static Stream<Arguments> seededViolations() {
        return Stream.of(
                Arguments.of(ArchitectureRules.DOMAIN_IS_FRAMEWORK_FREE, DomainUsingJackson.class),
                Arguments.of(ArchitectureRules.PORTS_USE_DOMAIN_TYPES_ONLY, PortLeakingJdbi.class),
                Arguments.of(ArchitectureRules.INSIDE_DOES_NOT_KNOW_ADAPTERS, PortLeakingJdbi.class),
                Arguments.of(ArchitectureRules.ADAPTERS_ARE_INDEPENDENT, PostgresAdapterCallingHttpAdapter.class),
                Arguments.of(ArchitectureRules.ONLY_APP_WIRES, PostgresAdapterCallingHttpAdapter.class),
                Arguments.of(ArchitectureRules.FEATURE_WIRINGS_ARE_INDEPENDENT, ReachingIntoRunsWiring.class));
    }

    @ParameterizedTest(name = "{0} reports {1}")
    @MethodSource("seededViolations")
    void ruleReportsTheSeededViolation(ArchRule rule, Class<?> violator) {
        JavaClasses classes = new ClassFileImporter().importClasses(violator);
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation())
                .as("rule '%s' must report %s", rule.getDescription(), violator.getSimpleName())
                .isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(violator.getName()));
    }
}
