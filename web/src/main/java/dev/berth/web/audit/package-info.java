/** REST resource and JSON view for audit. */
package dev.berth.web.audit;
