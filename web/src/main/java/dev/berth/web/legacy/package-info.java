/**
 * REST of the legacy files: {@code POST /api/import} (dry run by default) and {@code GET /api/export/...}, XML in and
 * out; a refused file answers 400 with every problem by line.
 */
package dev.berth.web.legacy;
