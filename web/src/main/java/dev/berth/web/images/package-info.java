/**
 * REST resources for image loads: the admin's upload and per-host outcome, and the agents' download
 * of the tar (agents have no API login).
 */
package dev.berth.web.images;
