package io.strato.network.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NftablesTableTest {
    @Test
    void scriptReplacesTheWholeTableInOneFile() {
        NftablesTable table = new NftablesTable(NftablesTable.Family.INET, "sg", "chain input { }");

        assertEquals("table inet sg {}\ndelete table inet sg\ntable inet sg {\nchain input { }\n}\n", table.script());
    }

    @Test
    void tableNamesCannotSmuggleCommands() {
        assertEquals(DataplaneException.Reason.INVALID_ARGUMENT, assertThrows(DataplaneException.class,
                () -> new NftablesTable(NftablesTable.Family.INET, "sg; flush ruleset", "")).reason());
    }
}
