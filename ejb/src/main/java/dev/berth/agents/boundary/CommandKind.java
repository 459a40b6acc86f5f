package dev.berth.agents.boundary;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.berth.protocol.CommandType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The kind of command an agent's answer (or its absence) is about: {@link CommandAnswered} and
 * {@link CommandUnanswered} are fired with it, and the component that sent that kind of command observes it.
 */
@Qualifier
@Retention(RUNTIME)
@Target({PARAMETER, FIELD, METHOD, TYPE})
public @interface CommandKind {

    CommandType value();

    /** The qualifier of one kind, for firing. */
    final class Literal extends AnnotationLiteral<CommandKind> implements CommandKind {

        private static final long serialVersionUID = 1L;

        private final CommandType value;

        private Literal(CommandType value) {
            this.value = value;
        }

        public static Literal of(CommandType value) {
            return new Literal(value);
        }

        @Override
        public CommandType value() {
            return value;
        }
    }
}
