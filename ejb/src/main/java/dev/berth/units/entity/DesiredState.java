package dev.berth.units.entity;

/** What the people who manage a unit want of it. */
public enum DesiredState {
    RUNNING, STOPPED, DELETED
}
