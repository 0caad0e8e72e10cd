package org.loanetl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The rules, built for a root package: {@code org.loanetl} for the real code ({@link ArchitectureTest}), and
 * {@code org.loanetl.violations} for classes that break each rule on purpose ({@link ArchitectureRulesBiteTest}), so
 * the very rules that guard the code are shown to bite.
 */
final class ArchitectureRules {

    static final String[] ADAPTERS = {"local", "postgres", "aws", "spark"};

    private final String root;

    ArchitectureRules(String root) {
        this.root = root;
    }

    ArchRule domainUsesOnlyTheJdkAndFastCsv() {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(root + ".domain..", "java..", "de.siegmar.fastcsv..")
                .because("the rules must behave the same under every engine");
    }

    ArchRule domainUsesNoAdapter() {
        return noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(ADAPTERS))
                .because("the domain defines ports and adapters implement them; only app wires them");
    }

    ArchRule nothingButAppUsesApp() {
        return noClasses().that().resideOutsideOfPackage(root + ".app..")
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app..")
                .because("app is the outermost ring: configuration and CLI stay out of the domain and adapters");
    }

    /** No class of this adapter ({@code local}, {@code postgres}, ...) uses another adapter's classes. */
    ArchRule adapterStaysApart(String adapter) {
        String[] others = Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "." + adapter + "..")
                .should().dependOnClassesThat().resideInAnyPackage(packages(others))
                .because("adapters meet only through domain ports, wired in app");
    }

    private String[] packages(String[] names) {
        return Arrays.stream(names).map(n -> root + "." + n + "..").toArray(String[]::new);
    }
}
