/**
 * The REST application, the login and the mapping of errors to JSON. One login ({@code HttpLogin}) serves the API
 * (HTTP Basic against the PBKDF2 hashes in the user table, throttled per name, {@code UserTableIdentityStore}; or an
 * API token, {@code TokenIdentityStore}) and the console (its login form, then the session, registered with
 * {@code ConsoleSessions} so that a user's access can be ended); before either it refuses an oversized body with 413
 * and a change sent from another site's page with 403 ({@code CrossSiteRequests}). {@code BodyLimitFilter} counts
 * bodies without a declared length. Admin-only resource methods carry {@code @RolesAllowed}
 * ({@code AdminOnlyRefusal} words the 403), request constraints are Bean Validation ({@code InvalidRequest} words the
 * 400), and {@code ApiContract} adds what every operation of the OpenAPI contract shares. A request that lost a race
 * for its rows to another transaction is run again ({@code ConflictRetries}) rather than answered 500.
 */
package dev.berth.web.platform;
