package dev.berth.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class UnitsPageTest {

    @Test
    void putsTheBoundarysRefusalAtTheFieldItIsAbout() {
        assertEquals("port", UnitsPage.fieldOf("port 80 is outside 1024..65535"));
        assertEquals("port", UnitsPage.fieldOf("port 8281 on host h1 is in use by unit 3 of user aaa"));
        assertEquals("user", UnitsPage.fieldOf("no user named 'x'; create the user first (POST /api/users)"));
        assertEquals("host", UnitsPage.fieldOf("no host named 'h9'; a host appears when its agent first reports"));
        assertEquals("image", UnitsPage.fieldOf("image 'X' is no image reference such as berth/esproc-unit:1"));
        assertEquals("user", UnitsPage.fieldOf("user is missing: name the unit's owner"));
    }

    @Test
    void leavesOtherRefusalsAtTheTop() {
        assertNull(UnitsPage.fieldOf("admin2 may not define units; an admin defines them"));
        assertNull(UnitsPage.fieldOf("hostile words"));
    }
}
