/** The host entity, its liveness state, and its agent's broker account (credentials, revocation). */
package dev.berth.hosts.entity;
