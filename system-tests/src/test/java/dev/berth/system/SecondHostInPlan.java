package dev.berth.system;

import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Notes, before the first test runs, whether any test class of this JVM uses {@link SecondHost}; if so,
 * {@link RunningBerth} starts the second host while Berth itself boots, whichever test class comes first, so that
 * the suite waits for one boot instead of two in a row. Registered through {@code META-INF/services}.
 */
public class SecondHostInPlan implements TestExecutionListener {

    private static volatile boolean planned;

    /** Whether a test class of this JVM's plan extends with {@link SecondHost}. */
    static boolean planned() {
        return planned;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        planned = plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(SecondHostInPlan::usesSecondHost);
    }

    private static boolean usesSecondHost(TestIdentifier test) {
        return test.getSource().filter(ClassSource.class::isInstance).map(ClassSource.class::cast)
                .map(source -> {
                    try {
                        ExtendWith with = source.getJavaClass().getAnnotation(ExtendWith.class);
                        return with != null && Arrays.asList(with.value()).contains(SecondHost.class);
                    } catch (RuntimeException notLoadable) {
                        return false;
                    }
                })
                .orElse(false);
    }
}
