/** REST for users' esProc configuration files: read (admin, the user), edit and revert (admin). */
package dev.berth.web.configs;
