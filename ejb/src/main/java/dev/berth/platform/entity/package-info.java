/** Value types every component shares: the acting identity and the business failure. */
package dev.berth.platform.entity;
