/**
 * What the command line prints: aligned tables for people (wide characters, such as Chinese aliases, take two
 * columns), the API's JSON as it came for programs ({@code --json}), and progress on standard error only, so that
 * standard output stays the answer.
 */
package dev.berth.cli.output;
