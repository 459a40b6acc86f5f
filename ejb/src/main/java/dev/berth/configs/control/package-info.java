/** What the files say: generated as esProc reads them, and checked before an edited one is accepted. */
package dev.berth.configs.control;
