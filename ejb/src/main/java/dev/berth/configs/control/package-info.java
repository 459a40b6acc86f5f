/**
 * esProc's file formats, each written and read in one place: the templates of {@code raqsoftConfig.xml} and
 * {@code unitServer.xml} ({@code EsprocFiles}, {@code UnitServerXml}), the task-count rule ({@code TaskCounts}), the one
 * {@code unitServer.xml} reader, and the line-numbered, entity-free XML reading ({@code XmlTree}, {@code Problems})
 * that the legacy import builds on. Plain Java: no entities, no container services.
 */
package dev.berth.configs.control;
