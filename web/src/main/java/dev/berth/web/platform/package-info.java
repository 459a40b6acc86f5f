/**
 * The REST application, the login and the mapping of errors to JSON. Login is HTTP Basic ({@code BasicLogin}, which
 * first refuses an oversized body with 413) against the PBKDF2 hashes in the user table, throttled per name
 * ({@code UserTableIdentityStore}); {@code BodyLimitFilter} counts bodies without a declared length.
 */
package dev.berth.web.platform;
