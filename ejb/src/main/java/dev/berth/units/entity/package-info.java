/** The unit entity, its lifecycle states and the rules for moving between them. */
package dev.berth.units.entity;
