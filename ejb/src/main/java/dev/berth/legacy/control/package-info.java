/**
 * Parsers and writers of the guide's two files, and the planner that turns a parsed file into changes against Berth's
 * state. A parser reads the whole file and reports every problem it finds as {@code line N: what is wrong} in one
 * {@link dev.berth.legacy.control.ImportRefusedException}, so an admin fixes a file in one go and nothing is imported
 * from a file that is wrong anywhere. Parsing is secure (no DTDs, no external entities): the XML reading itself is
 * {@code configs}' {@code XmlTree}.
 */
package dev.berth.legacy.control;
