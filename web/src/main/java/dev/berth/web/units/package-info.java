/** REST resource and JSON view for units. */
package dev.berth.web.units;
