/** Use cases on images: upload and load onto hosts, the per-host outcome, and the agents' download of the tar. */
package dev.berth.images.boundary;
