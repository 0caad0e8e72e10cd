/**
 * Classes that break the architecture rules on purpose, in packages named like the real ones, so
 * {@link org.loanetl.ArchitectureRulesBiteTest} can show each rule catches a violation. Test code only: the real
 * rules skip test classes.
 */
package org.loanetl.violations;
