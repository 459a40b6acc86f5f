package dev.berth.platform.control;

import dev.berth.platform.entity.BerthException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The constraints written on a request record (Bean Validation), checked where a boundary is called without the REST
 * layer's validation in front (the first administrator, imports): the same rules and the same words, as a 400.
 */
public final class Constraints {

    private Constraints() {
    }

    /** The request itself when it keeps every constraint; otherwise a refusal naming every broken one. */
    public static <T> T check(Validator validator, T request) {
        Set<ConstraintViolation<T>> broken = validator.validate(request);
        if (!broken.isEmpty()) {
            throw BerthException.invalid(broken.stream().map(ConstraintViolation::getMessage).sorted().distinct()
                    .collect(Collectors.joining("; ")));
        }
        return request;
    }
}
