/** Writing audit records inside the caller's transaction. */
package dev.berth.audit.control;
