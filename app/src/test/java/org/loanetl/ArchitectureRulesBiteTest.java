package org.loanetl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, applied to classes that break it, reports the violation: the rules are not vacuous. The
 * offending classes live under {@code org.loanetl.violations}; the rules are rebuilt on those package names with
 * exactly the shape of {@link ArchitectureRules}.
 */
class ArchitectureRulesBiteTest {

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages("org.loanetl.violations");

    @Test
    void domainRuleCatchesADomainClassUsingAnotherLibrary() {
        ArchRule rule = classes().that().resideInAPackage("org.loanetl.violations.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("org.loanetl.violations.domain..", "java..", "de.siegmar.fastcsv..");

        assertThat(violations(rule)).contains("com.tngtech.archunit");
    }

    @Test
    void adapterRuleCatchesAnAdapterUsingAnotherAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage("org.loanetl.violations.local..")
                .should().dependOnClassesThat().resideInAnyPackage("org.loanetl.violations.postgres..");

        assertThat(violations(rule)).contains("LocalUsesPostgres");
    }

    @Test
    void domainRuleAgainstAdaptersCatchesADomainClassUsingAnAdapter() {
        ArchRule rule = noClasses().that().resideInAPackage("org.loanetl.violations.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.loanetl.violations.local..");

        assertThat(violations(rule)).contains("DomainUsesAdapter");
    }

    @Test
    void realRulesPassOnTheRealCodeButWouldNotOnViolations() {
        EvaluationResult real = ArchitectureRules.adapterStaysApart("org.loanetl.local..")
                .evaluate(new ClassFileImporter().importPackages("org.loanetl.local", "org.loanetl.postgres"));

        assertThat(real.hasViolation()).isFalse();
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(VIOLATIONS);
        assertThat(result.hasViolation()).as("rule should report a violation").isTrue();
        return result.getFailureReport().toString();
    }
}
