package org.fitsync.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;

/** The dependency rules of ARCHITECTURE.md, as ArchUnit rules. */
final class ArchitectureRules {

    private ArchitectureRules() {}

    /** sync-domain imports nothing outside java.*: no framework types or annotations, no libraries. */
    static final ArchRule DOMAIN_IS_FRAMEWORK_FREE = classes()
            .that()
            .resideInAPackage("org.fitsync.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.fitsync.domain..")
            .as("sync-domain depends on the JDK only");

    /** Ports and services speak in domain types; no adapter or framework type leaks inward. */
    static final ArchRule PORTS_USE_DOMAIN_TYPES_ONLY = classes()
            .that()
            .resideInAnyPackage("org.fitsync.ports..", "org.fitsync.application..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.fitsync.domain..", "org.fitsync.ports..", "org.fitsync.application..")
            .as("sync-ports uses domain types only");

    /** No adapter depends on another adapter. */
    static final ArchRule ADAPTERS_ARE_INDEPENDENT = slices().matching("org.fitsync.adapter.(*)..")
            .should()
            .notDependOnEachOther()
            .as("no adapter depends on another adapter");

    /** Only the composition root wires things together; nothing depends on it. */
    static final ArchRule ONLY_APP_WIRES = noClasses()
            .that()
            .resideOutsideOfPackage("org.fitsync.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.fitsync.app..")
            .as("only app wires the modules");

    /** The inside of the hexagon never reaches out to an adapter. */
    static final ArchRule INSIDE_DOES_NOT_KNOW_ADAPTERS = noClasses()
            .that()
            .resideInAnyPackage("org.fitsync.domain..", "org.fitsync.ports..", "org.fitsync.application..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.fitsync.adapter..")
            .as("domain and ports never depend on adapters");

    /**
     * A feature's wiring gets what it needs from another feature as an argument from the composition
     * ({@code Features}), never by reaching into that feature's wiring: each stays readable on its own.
     */
    static final ArchRule FEATURE_WIRINGS_ARE_INDEPENDENT = classes()
            .that()
            .resideInAPackage("org.fitsync.app.wiring")
            .and()
            .haveSimpleNameEndingWith("Wiring")
            .should(notDependOnAnotherWiring())
            .as("a feature's wiring never depends on another feature's wiring");

    static final List<ArchRule> ALL = List.of(
            DOMAIN_IS_FRAMEWORK_FREE,
            PORTS_USE_DOMAIN_TYPES_ONLY,
            ADAPTERS_ARE_INDEPENDENT,
            ONLY_APP_WIRES,
            INSIDE_DOES_NOT_KNOW_ADAPTERS,
            FEATURE_WIRINGS_ARE_INDEPENDENT);

    private static ArchCondition<JavaClass> notDependOnAnotherWiring() {
        return new ArchCondition<>("not depend on another feature's wiring") {
            @Override
            public void check(JavaClass wiring, ConditionEvents events) {
                wiring.getDirectDependenciesFromSelf().stream()
                        .filter(dependency -> {
                            JavaClass target = dependency.getTargetClass();
                            return target.getSimpleName().endsWith("Wiring")
                                    && !target.equals(wiring)
                                    && target.getPackageName().equals(wiring.getPackageName());
                        })
                        .forEach(dependency ->
                                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
            }
        };
    }
}
