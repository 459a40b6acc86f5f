/** REST resource and JSON view for hosts. */
package dev.berth.web.hosts;
