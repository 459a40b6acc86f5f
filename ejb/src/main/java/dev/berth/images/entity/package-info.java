/** An image upload (checksum, download token hash, expiry) and the outcome of its load on one host. */
package dev.berth.images.entity;
