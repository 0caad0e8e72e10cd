package org.loanetl.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.loanetl.domain.port.LoanFileSource;

/**
 * The sources that wrap other sources ({@link Sources}, the fault-injection {@link Faults.HaltingSource}) pass on every
 * method of {@link LoanFileSource}, its default methods included: a default left in place answers for the wrapper, not
 * for the source it wraps ({@code owns} left out meant no interrupted cleanup was ever finished).
 */
class SourceWrappersTest {

    static Stream<Class<? extends LoanFileSource>> wrappers() {
        return Stream.of(Sources.class, Faults.HaltingSource.class);
    }

    @ParameterizedTest
    @MethodSource("wrappers")
    void passesOnEveryMethodOfTheSourcePortDefaultsIncluded(Class<? extends LoanFileSource> wrapper) {
        List<Method> port = Arrays.stream(LoanFileSource.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
        assertThat(port).extracting(Method::getName).contains("owns", "confirmUnchanged");

        assertThat(port).allSatisfy(method -> assertThat(declares(wrapper, method))
                .as("%s overrides %s", wrapper.getSimpleName(), method.getName()).isTrue());
    }

    private static boolean declares(Class<?> wrapper, Method method) {
        try {
            return !wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes()).isSynthetic();
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
