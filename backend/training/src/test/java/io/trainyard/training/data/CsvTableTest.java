package io.trainyard.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path tmp;

    @Test
    void readsAFileAsTheServersProfilerDoes() throws Exception {
        Path file = Files.writeString(tmp.resolve("data.csv"), "\uFEFFx, colour ,label\n"
                + "1.5,red,a\n"
                + "\n"                       // empty lines are skipped
                + "NA, blue ,b\n"            // missing-value tokens become missing; cells are stripped
                + "2.0\n"                    // a short row is padded with missing cells
                + "3,green,a,extra\n");      // extra fields are ignored

        TabularData data = CsvTable.read(file, ',', Map.of("x", ColumnType.NUMERIC));

        assertThat(data.columns()).containsExactly(new Column("x", ColumnType.NUMERIC),
                new Column("colour", ColumnType.CATEGORICAL), new Column("label", ColumnType.CATEGORICAL));
        assertThat(data.rows()).containsExactly(new String[] {"1.5", "red", "a"}, new String[] {null, "blue", "b"},
                new String[] {"2.0", null, null}, new String[] {"3", "green", "a"});
    }

    @Test
    void columnsComeFromTheCallerAndAnEmptyInputIsRefused() {
        TabularData data = CsvTable.read(new ByteArrayInputStream("a;b\n1;2\n".getBytes(StandardCharsets.UTF_8)),
                ';', name -> new Column(name, ColumnType.NUMERIC, 7L));
        assertThat(data.columns()).containsExactly(new Column("a", ColumnType.NUMERIC, 7L),
                new Column("b", ColumnType.NUMERIC, 7L));
        assertThat(data.cell(0, 1)).isEqualTo("2");

        assertThatThrownBy(() -> CsvTable.read(new ByteArrayInputStream(new byte[0]), ',',
                name -> new Column(name, ColumnType.NUMERIC))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }
}
