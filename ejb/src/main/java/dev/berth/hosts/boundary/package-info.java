/** Use cases on hosts: read, record a heartbeat, mark the silent ones OFFLINE. */
package dev.berth.hosts.boundary;
