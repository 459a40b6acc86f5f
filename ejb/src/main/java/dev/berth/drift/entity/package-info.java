/** A finding of drift and its kinds; found anew at every survey, never stored. */
package dev.berth.drift.entity;
