/**
 * Use cases on hosts: read, define, record a heartbeat, mark the silent ones OFFLINE; enroll a host (its agent's
 * broker account, issued once), re-key or remove it; check an agent's broker login.
 */
package dev.berth.hosts.boundary;
