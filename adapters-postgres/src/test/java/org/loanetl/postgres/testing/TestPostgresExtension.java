package org.loanetl.postgres.testing;

import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.loanetl.postgres.PostgresSettings;

/**
 * Starts {@link TestPostgres} before the test class (so a server that cannot start fails the class, not its first
 * test), and gives every {@link PostgresSettings} parameter of a test, lifecycle method or constructor superuser
 * settings in a schema of its own, named after the test class: {@code postgresloadsinktest_4}.
 */
public final class TestPostgresExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestPostgres.ensureStarted();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresSettings.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String prefix = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        return TestPostgres.settings(prefix);
    }
}
