/**
 * Password hashing (creation, changes, logins), the short memory of recently verified passwords that spares a PBKDF2
 * verification per request, and the login throttle's settings.
 */
package dev.berth.users.control;
