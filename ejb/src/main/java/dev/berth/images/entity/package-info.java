/** An image upload (checksum, expiry) and the outcome of its load on one host. */
package dev.berth.images.entity;
