package org.loanetl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/** The rules themselves, shared by {@link ArchitectureTest} (the real code) and {@link ArchitectureRulesBiteTest}. */
final class ArchitectureRules {

    static final String[] ADAPTERS = {"org.loanetl.local..", "org.loanetl.postgres..", "org.loanetl.aws..", "org.loanetl.spark.."};

    static final ArchRule DOMAIN_ONLY_JDK_AND_FASTCSV = classes().that().resideInAPackage("org.loanetl.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.loanetl.domain..", "java..", "de.siegmar.fastcsv..")
            .because("the rules must behave the same under every engine");

    static final ArchRule ONLY_APP_USES_ADAPTERS = noClasses().that().resideInAPackage("org.loanetl.domain..")
            .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
            .because("the domain defines ports and adapters implement them; only app wires them");

    static final ArchRule NOTHING_DEPENDS_ON_APP = noClasses().that().resideOutsideOfPackage("org.loanetl.app..")
            .should().dependOnClassesThat().resideInAPackage("org.loanetl.app..")
            .because("app is the outermost ring: configuration and CLI stay out of the domain and adapters");

    private ArchitectureRules() {
    }

    /** No class of this adapter uses another adapter's classes. */
    static ArchRule adapterStaysApart(String adapter) {
        String[] others = Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(adapter)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("adapters meet only through domain ports, wired in app");
    }
}
