package io.trainyard.server.datasets.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each kind of bad upload gets an error that says what is wrong and where. */
class InvalidCsvTest {

    private static InvalidCsvException reject(byte[] bytes) {
        InvalidCsvException e = catchThrowableOfType(InvalidCsvException.class,
                () -> new CsvProfiler().profile(new ByteArrayInputStream(bytes), null));
        assertThat(e).as("expected the file to be rejected").isNotNull();
        assertThat(e.field()).isEqualTo("file");
        return e;
    }

    private static InvalidCsvException reject(String csv) {
        return reject(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void binaryContentWithNulBytes() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        InvalidCsvException e = reject(png);
        // 0x89 is not UTF-8 either; it comes first
        assertThat(e.getMessage()).isEqualTo("the file is not text (binary content at byte 0):"
                + " it is not UTF-8; if it is a CSV file, save it as UTF-8");
        assertThat(e.line()).isNull();
        byte[] nul = "a,b\n1,2\n3,\u0000\n".getBytes(StandardCharsets.UTF_8);
        assertThat(reject(nul).getMessage()).isEqualTo("the file is not text (binary content at byte 10)");
    }

    @Test
    void textThatIsNotUtf8() {
        byte[] latin1 = "name,city\nJörg,Köln\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reject(latin1).getMessage()).startsWith("the file is not text (binary content at byte 11)");
        byte[] utf16 = "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(reject(utf16).getMessage()).contains("UTF-16");
        // past the first 8 KiB, the decoder catches it
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i).append(",x\n");
        }
        byte[] head = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "1,K\u00f6ln\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        InvalidCsvException late = reject(all);
        assertThat(late.getMessage()).isEqualTo("line 2002 is not UTF-8 text (byte " + (head.length + 3)
                + "); save the file as UTF-8");
        assertThat(late.line()).isEqualTo(2002L);
    }

    @Test
    void emptyFiles() {
        assertThat(reject(new byte[0]).getMessage()).isEqualTo("the file is empty");
        assertThat(reject("\n \r\n\t\n").getMessage()).isEqualTo("the file is empty");
        assertThat(reject(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).getMessage()).isEqualTo("the file is empty");
    }

    @Test
    void headerOnly() {
        InvalidCsvException e = reject("a,b,c\n\n");
        assertThat(e.getMessage()).isEqualTo("the file has a header row but no data rows");
        assertThat(e.line()).isEqualTo(1L);
    }

    @Test
    void badColumnNames() {
        InvalidCsvException empty = reject("a,b, ,d\n1,2,3,4\n");
        assertThat(empty.getMessage()).isEqualTo("column 3 has an empty name");
        assertThat(empty.line()).isEqualTo(1L);
        assertThat(reject("\n\nid,name,id\n1,2,3\n").getMessage()).isEqualTo("column name 'id' appears twice");
        assertThat(reject("\n\nid,name,id\n1,2,3\n").line()).isEqualTo(3L);
    }

    @Test
    void rowsWithTooFewOrTooManyFields() {
        // the quoted line break makes row 2 span lines 3 and 4; physical lines count
        String csv = "a,b,c\n1,2,3\n4,\"five\nlines\",6\n7,8,9\n10,11\n";
        InvalidCsvException tooFew = reject(csv);
        assertThat(tooFew.getMessage()).isEqualTo("line 6 has 2 fields, the header has 3");
        assertThat(tooFew.line()).isEqualTo(6L);
        InvalidCsvException tooMany = reject("a,b\n1,2\n3,4,5\n");
        assertThat(tooMany.getMessage()).isEqualTo("line 3 has 3 fields, the header has 2");
        assertThat(tooMany.line()).isEqualTo(3L);
        assertThat(reject("a;b;c\n1;2;3\n4\n").getMessage()).isEqualTo("line 3 has 1 field, the header has 3");
    }

    @Test
    void brokenQuotes() {
        InvalidCsvException unclosed = reject("a,b\n1,2\n3,\"four\n5,6\n");
        assertThat(unclosed.getMessage()).isEqualTo("line 3 opens a quoted field that is never closed");
        assertThat(unclosed.line()).isEqualTo(3L);
        InvalidCsvException stray = reject("a,b\n1,\"two\"x\n");
        assertThat(stray.getMessage()).startsWith("line 2 has text after the closing quote");
        assertThat(stray.line()).isEqualTo(2L);
    }
}
