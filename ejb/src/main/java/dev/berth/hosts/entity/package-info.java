/** The host entity and its liveness state. */
package dev.berth.hosts.entity;
