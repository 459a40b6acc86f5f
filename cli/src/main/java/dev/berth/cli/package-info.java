/**
 * The {@code berth} command line: one subcommand per thing an operator manages through the REST API (users, hosts,
 * units and their logs, the legacy files, image loads, the audit trail, the admin's password). It exists so that
 * nobody scripts the API with curl and sed: every answer is a table for people or the API's JSON for programs, every
 * refusal is the API's own message with exit code 1, and no password ever appears on a command line.
 */
package dev.berth.cli;
