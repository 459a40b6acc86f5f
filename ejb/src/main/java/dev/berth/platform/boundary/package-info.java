/**
 * Start-up of the manager: schema migration first, then the embedded broker. Both are singletons that run once
 * when the manager is deployed, in that order.
 */
package dev.berth.platform.boundary;
