package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command that calls Berth shares: the root's settings, and printing an answer as table or JSON. */
abstract class Subcommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Berth berth() {
        return (Berth) spec.root().userObject();
    }

    Api api() {
        return berth().api();
    }

    /** A list answer: its JSON, or a table of the columns. */
    void printList(Api.Reply reply, List<Column> columns) {
        if (berth().json) {
            printJson(reply);
        } else {
            berth().out.print(Table.of(reply.array(), columns));
        }
    }

    /** An object answer: its JSON, or one field a line. */
    void printObject(Api.Reply reply) {
        if (berth().json) {
            printJson(reply);
        } else {
            berth().out.print(Table.fields(reply.object()));
        }
    }

    void printJson(Api.Reply reply) {
        berth().out.println(reply.body().strip());
    }

    /** A short note for people (on standard output, or, with {@code --json}, on standard error: JSON stays clean). */
    void note(String text) {
        (berth().json ? berth().err : berth().out).println(text);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A command of subcommands only: run alone, it says which there are. */
    abstract static class Group implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "name a command: " + String.join(", ",
                    spec.subcommands().values().stream().map(c -> c.getCommandName()).distinct().toList()));
        }
    }
}
