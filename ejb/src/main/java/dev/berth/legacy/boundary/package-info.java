/**
 * Importing and exporting the legacy files: {@link dev.berth.legacy.boundary.Imports} plans a file against Berth's
 * state (a dry run writes nothing) and applies it in one transaction, all or nothing;
 * {@link dev.berth.legacy.boundary.Exports} writes Berth's state back in the same formats.
 */
package dev.berth.legacy.boundary;
