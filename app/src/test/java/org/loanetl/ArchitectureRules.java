package org.loanetl;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules, built for a root package: {@code org.loanetl} for the real code ({@link ArchitectureTest}), and
 * {@code org.loanetl.violations} for classes that break each rule on purpose ({@link ArchitectureRulesBiteTest}), so
 * the very rules that guard the code are shown to bite.
 */
final class ArchitectureRules {

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
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(resideOutsideOfPackage(root + ".domain..")))
                .because("the domain defines ports and adapters implement them; only app wires them");
    }

    ArchRule nothingButAppUsesApp() {
        return noClasses().that().resideOutsideOfPackage(root + ".app..")
                .and().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage(root + ".app..")
                .because("app is the outermost ring: configuration and CLI stay out of the domain and adapters");
    }

    /**
     * No top-level package but {@code app} uses another's classes, except the domain's: adapters meet only through
     * domain ports. Slice-based, so a new adapter module ({@code org.loanetl.lineage}, say) is covered without a list.
     */
    ArchRule adaptersStayApart() {
        return slices().matching(root + ".(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(resideInAPackage(root + ".app.."), alwaysTrue())
                .ignoreDependency(alwaysTrue(), resideInAPackage(root + ".domain.."))
                .because("adapters meet only through domain ports, wired in app");
    }

    /** The domain's packages ({@code rules}, {@code read}, {@code load}, {@code port}, ...) use each other without cycles. */
    ArchRule domainPackagesAreFreeOfCycles() {
        return slices().matching(root + ".domain.(*)..").should().beFreeOfCycles()
                .because("a cycle makes two packages one: neither can change or be understood alone");
    }
}
