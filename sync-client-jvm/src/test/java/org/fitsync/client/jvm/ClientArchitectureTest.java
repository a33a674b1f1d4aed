package org.fitsync.client.jvm;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client core (sync-client) stays a pure-Java library an Android app can embed: the platform's
 * HTTP, SQL and JSON libraries are this module's business, never the core's. Each rule is also shown to
 * bite, on a test class that breaks it.
 */
class ClientArchitectureTest {

    private static final ImportOption PRODUCTION_ONLY =
            (Location location) -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    /** The core: everything of the client outside this module's packages. */
    private static final DescribedPredicate<JavaClass> CORE = resideInAPackage("org.fitsync.client..")
            .and(not(resideInAPackage("org.fitsync.client.jvm..")))
            .as("the client core");

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(PRODUCTION_ONLY).importPackages("org.fitsync");
    }

    static ArchRule coreIsPlatformFree(DescribedPredicate<JavaClass> core) {
        return noClasses()
                .that(core)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.net.http..", "java.sql..", "org.sqlite..", "com.fasterxml..", "org.fitsync.client.jvm..")
                .as("the client core uses no HTTP client, SQL, SQLite or Jackson, and not sync-client-jvm");
    }

    static ArchRule coreUsesTheJdkAndTheDomainOnly(DescribedPredicate<JavaClass> core) {
        return classes()
                .that(core)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.fitsync.domain..", "org.fitsync.client..")
                .as("the client core depends on java.*, sync-domain and itself only");
    }

    static Stream<Function<DescribedPredicate<JavaClass>, ArchRule>> rules() {
        return Stream.of(
                ClientArchitectureTest::coreIsPlatformFree, ClientArchitectureTest::coreUsesTheJdkAndTheDomainOnly);
    }

    @Test
    void theCoreAndThisModuleAreImported() {
        // Guards against the rules passing because nothing was looked at.
        assertThat(production.containPackage("org.fitsync.client.remote")).isTrue();
        assertThat(production.containPackage("org.fitsync.client.engine")).isTrue();
        assertThat(production.containPackage("org.fitsync.client.jvm.http")).isTrue();
        assertThat(production.that(CORE)).hasSizeGreaterThan(30);
        assertThat(production.that(CORE).stream().map(JavaClass::getPackageName))
                .allMatch(name -> !name.startsWith("org.fitsync.client.jvm"));
    }

    @ParameterizedTest
    @MethodSource("rules")
    void theCoreFollowsTheRule(Function<DescribedPredicate<JavaClass>, ArchRule> rule) {
        rule.apply(CORE).check(production);
    }

    @ParameterizedTest
    @MethodSource("rules")
    void theRuleReportsACoreClassThatReachesForThePlatform(Function<DescribedPredicate<JavaClass>, ArchRule> rule) {
        JavaClasses seeded = new ClassFileImporter().importClasses(CoreClassUsingJackson.class);

        EvaluationResult result =
                rule.apply(equivalentTo(CoreClassUsingJackson.class)).evaluate(seeded);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains(CoreClassUsingJackson.class.getName())
                        && line.contains("com.fasterxml.jackson.core.JsonFactory"));
    }

    /** What the rules must catch: a class of the core that parses JSON with Jackson itself. */
    static final class CoreClassUsingJackson {
        JsonFactory json() {
            return new JsonFactory();
        }
    }
}
