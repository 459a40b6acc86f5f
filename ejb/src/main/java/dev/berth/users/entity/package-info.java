/** The user entity and the value types of its limits. */
package dev.berth.users.entity;
