/**
 * The REST application, the login and the mapping of errors to JSON. Login is HTTP Basic ({@code BasicLogin}, which
 * first refuses an oversized body with 413) against the PBKDF2 hashes in the user table, throttled per name
 * ({@code UserTableIdentityStore}); {@code BodyLimitFilter} counts bodies without a declared length. Admin-only
 * resource methods carry {@code @RolesAllowed} ({@code AdminOnlyRefusal} words the 403), request constraints are
 * Bean Validation ({@code InvalidRequest} words the 400), and {@code ApiContract} adds what every operation of the
 * OpenAPI contract shares.
 */
package dev.berth.web.platform;
