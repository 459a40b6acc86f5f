/** Reading the audit trail, newest first, as much as the caller may see. */
package dev.berth.audit.boundary;
