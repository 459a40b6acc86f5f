/** REST resource for drift: list the findings of the ONLINE hosts, preview and carry out their repairs. */
package dev.berth.web.drift;
