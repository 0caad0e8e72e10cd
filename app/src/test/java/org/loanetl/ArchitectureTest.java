package org.loanetl;


import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The hexagon's arrows, checked on every build: the domain knows nothing but the JDK and its CSV tokenizer, adapters
 * meet only through the domain's ports, and only {@code app} wires adapters together. {@link ArchitectureRulesBiteTest}
 * shows each rule failing on classes that break it.
 */
@AnalyzeClasses(packages = "org.loanetl",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Leaves out the domain's test jar (its in-memory fakes use JUnit and AssertJ): the rules are about shipped code. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final ArchitectureRules RULES = new ArchitectureRules("org.loanetl");

    @ArchTest
    static final ArchRule domain_uses_only_the_jdk_and_its_csv_tokenizer = RULES.domainUsesOnlyTheJdkAndFastCsv();

    @ArchTest
    static final ArchRule domain_uses_no_adapter = RULES.domainUsesNoAdapter();

    @ArchTest
    static final ArchRule adapters_do_not_reach_into_each_other = RULES.adaptersStayApart();

    @ArchTest
    static final ArchRule domain_packages_are_free_of_cycles = RULES.domainPackagesAreFreeOfCycles();

    @ArchTest
    static final ArchRule nothing_but_app_depends_on_app = RULES.nothingButAppUsesApp();
}
