package dev.berth.users.entity;

/** What a person may do: administrators manage everything; users act on their own units. */
public enum Role {
    ADMIN, USER
}
