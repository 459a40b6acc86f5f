/**
 * Start-up of the manager: schema migration first, then the embedded broker and the recovery of transactions a
 * crash left in doubt. They are singletons that run once when the manager is deployed, in that order; what may be
 * called before they ran (health checks, metrics) asks them only once they have ({@link StartupState}).
 */
package dev.berth.platform.boundary;
