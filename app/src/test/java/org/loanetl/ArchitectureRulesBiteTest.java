package org.loanetl;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, built exactly as {@link ArchitectureTest} builds it but rooted at
 * {@code org.loanetl.violations}, reports the classes there that break it: the rules are not vacuous.
 */
class ArchitectureRulesBiteTest {

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages("org.loanetl.violations");
    private static final ArchitectureRules RULES = new ArchitectureRules("org.loanetl.violations");

    @Test
    void domainRuleCatchesADomainClassUsingAnotherLibrary() {
        assertThat(violations(RULES.domainUsesOnlyTheJdkAndFastCsv())).contains("com.tngtech.archunit.core.domain.JavaClass");
    }

    @Test
    void domainRuleCatchesADomainClassUsingAnAdapter() {
        assertThat(violations(RULES.domainUsesNoAdapter())).contains("DomainUsesAdapter").contains("LocalUsesPostgres");
    }

    @Test
    void sliceRuleCatchesEveryAdapterUsingAnotherWithoutAList() {
        assertThat(violations(RULES.adaptersStayApart())).contains("LocalUsesPostgres").contains("AwsThing")
                .contains("SparkUsesApp");
    }

    @Test
    void cycleRuleCatchesTwoDomainPackagesUsingEachOther() {
        assertThat(violations(RULES.domainPackagesAreFreeOfCycles())).contains("CycleOne").contains("CycleTwo");
    }

    @Test
    void appRuleCatchesAnAdapterUsingApp() {
        assertThat(violations(RULES.nothingButAppUsesApp())).contains("SparkUsesApp").contains("AppThing");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(VIOLATIONS);
        assertThat(result.hasViolation()).as("rule should report a violation").isTrue();
        return result.getFailureReport().toString();
    }
}
