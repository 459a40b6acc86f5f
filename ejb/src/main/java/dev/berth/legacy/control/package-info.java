/**
 * Parsers and writers of the three legacy files, plain Java without entities or container services. A parser reads
 * the whole file and reports every problem it finds as {@code line N: what is wrong} in one
 * {@link dev.berth.legacy.control.ImportRefusedException}, so an admin fixes a file in one go and nothing is imported
 * from a file that is wrong anywhere. Parsing is secure: no DTDs, no external entities.
 */
package dev.berth.legacy.control;
