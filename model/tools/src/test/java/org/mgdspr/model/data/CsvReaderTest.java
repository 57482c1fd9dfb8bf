package org.mgdspr.model.data;

import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    private static final Path FILE = Path.of("t.csv");

    @Test
    void readsQuotedFieldsEscapedQuotesEmbeddedNewlinesAndCrlf() throws Exception {
        CsvReader csv = new CsvReader(new StringReader(
            "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,last\n"), FILE);
        assertEquals(List.of("a", "b", "c"), csv.next());
        assertEquals(1, csv.recordLine());
        assertEquals(List.of("x, y", "say \"hi\"", "two\nlines"), csv.next());
        assertEquals(2, csv.recordLine());
        assertEquals(List.of("", "", "last"), csv.next());
        assertEquals(4, csv.recordLine());
        assertNull(csv.next());
    }

    @Test
    void lastRecordWithoutNewlineIsRead() throws Exception {
        CsvReader csv = new CsvReader(new StringReader("1,\"2\""), FILE);
        assertEquals(List.of("1", "2"), csv.next());
        assertNull(csv.next());
    }

    @Test
    void malformedQuotingNamesFileAndLine() {
        DataFileException unterminated = assertThrows(DataFileException.class,
            () -> drain(new CsvReader(new StringReader("ok\n\"open,\nmore"), FILE)));
        assertEquals(2, unterminated.line());
        assertEquals(FILE, unterminated.file());
        assertTrue(unterminated.getMessage().startsWith("t.csv:2:"), unterminated.getMessage());
        DataFileException garbage = assertThrows(DataFileException.class,
            () -> drain(new CsvReader(new StringReader("\"a\"b,c\n"), FILE)));
        assertTrue(garbage.getMessage().contains("after a closing quote"), garbage.getMessage());
    }

    private static void drain(CsvReader csv) throws Exception {
        while (csv.next() != null) {
            // reading is the point
        }
    }
}
