package dev.berth.protocol;

/** Whether an agent carried out a command. */
public enum Outcome {
    SUCCEEDED, FAILED
}
