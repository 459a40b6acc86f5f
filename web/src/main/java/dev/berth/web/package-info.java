/**
 * The manager's web layer: REST resources that turn HTTP into boundary calls and entities into JSON views. No
 * business logic lives here; every rule is in the ejb module's boundaries and entities.
 */
package dev.berth.web;
