package org.loanetl.aws.s3.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link S3Server} per test class: started before the class, closed after it (JUnit closes the {@code
 * AutoCloseable} values of a store it drops), and given to every {@code S3Server} parameter of its tests and lifecycle
 * methods (a {@code @BeforeAll} that keeps it in a static field, say).
 */
public final class S3ServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(S3ServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3Server.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    /** The class's server: {@link #beforeAll} puts it in the class's store, which its tests' stores see. */
    private static S3Server server(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(S3Server.class, c -> S3Server.start(), S3Server.class);
    }
}
