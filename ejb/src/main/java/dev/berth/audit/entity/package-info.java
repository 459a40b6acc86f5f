/** The audit record: written once, never changed. */
package dev.berth.audit.entity;
