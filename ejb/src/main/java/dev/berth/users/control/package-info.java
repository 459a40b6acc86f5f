/** Password hashing shared by user creation and the admin's first start. */
package dev.berth.users.control;
