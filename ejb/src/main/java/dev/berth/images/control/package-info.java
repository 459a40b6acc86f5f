/** The uploaded tars on disk, sending one LOAD_IMAGE command per host, and taking in the agents' answers. */
package dev.berth.images.control;
