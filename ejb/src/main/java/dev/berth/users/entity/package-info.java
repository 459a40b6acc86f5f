/** The user entity, the value types of its limits, and a user's API tokens. */
package dev.berth.users.entity;
