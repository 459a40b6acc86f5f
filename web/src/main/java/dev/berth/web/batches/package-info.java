/**
 * REST of batches: {@code POST /api/batches} (a JSON batch, or a docker_user.xml with {@code ?batch=}),
 * {@code GET /api/batches/{id}} and {@code GET /api/batches}, for admins.
 */
package dev.berth.web.batches;
