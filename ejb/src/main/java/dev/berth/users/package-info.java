/**
 * The people who own units: login name, display alias, hashed password, role, their API tokens, and the limits every
 * one of their units runs with (memory, CPU shares) and the home directory mounted into them.
 * <p>
 * Layer 3 of 9 (see docs/architecture.md): uses audit and platform. What a user's removal or disabling means to the
 * components above (units, configs) it tells them by events ({@code UserRemoval}, {@code UserDisabled}).
 */
package dev.berth.users;
