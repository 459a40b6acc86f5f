package dev.berth.web.platform;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A request whose transaction lost a race for a row (another request, an agent's observation or the reconciler
 * changed the same unit or host between its read and its commit) is run again on fresh rows by
 * {@link ConflictRetries}, instead of answering 500.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface RetriedOnConflict {
}
