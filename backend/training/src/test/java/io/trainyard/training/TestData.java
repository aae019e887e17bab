package io.trainyard.training;

import io.trainyard.training.data.Column;
import io.trainyard.training.data.ColumnType;
import io.trainyard.training.data.TabularData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

final class TestData {
    static final Path PENGUINS = Path.of("../../../shared/data/penguins.csv");

    private TestData() {
    }

    /** The penguins CSV (no quoting in the file): Species, Island, Sex categorical; the rest numeric. */
    static TabularData penguins() throws IOException {
        List<String> lines = Files.readAllLines(PENGUINS);
        String[] header = lines.get(0).split(",", -1);
        List<Column> cols = new ArrayList<>();
        for (String h : header) {
            boolean cat = h.equals("Species") || h.equals("Island") || h.equals("Sex");
            cols.add(new Column(h, cat ? ColumnType.CATEGORICAL : ColumnType.NUMERIC));
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(",", -1));
        }
        return new TabularData(cols, rows);
    }

    static final double NOISE_SD = 1.0;

    /**
     * y = 3 x1 - 2 x2 + x3 + effect(group) + N(0, 1), x ~ N(0, 1), group uniform over a/b/c with effects
     * 0/1/-1 (variance 2/3). Var(y) = 9 + 4 + 1 + 2/3 + 1 = 15.667; ceiling R² = 1 - 1/15.667 = 0.936.
     */
    static TabularData regression(int n, long seed) {
        Random r = new Random(seed);
        List<Column> cols = List.of(new Column("x1", ColumnType.NUMERIC), new Column("x2", ColumnType.NUMERIC),
                new Column("x3", ColumnType.NUMERIC), new Column("group", ColumnType.CATEGORICAL),
                new Column("y", ColumnType.NUMERIC));
        String[] groups = {"a", "b", "c"};
        double[] effects = {0, 1, -1};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x1 = r.nextGaussian();
            double x2 = r.nextGaussian();
            double x3 = r.nextGaussian();
            int g = r.nextInt(3);
            double y = 3 * x1 - 2 * x2 + x3 + effects[g] + NOISE_SD * r.nextGaussian();
            rows.add(new String[] {fmt(x1), fmt(x2), fmt(x3), groups[g], fmt(y)});
        }
        return new TabularData(cols, rows);
    }

    static double regressionCeiling() {
        double var = 9 + 4 + 1 + 2.0 / 3 + NOISE_SD * NOISE_SD;
        return 1 - NOISE_SD * NOISE_SD / var;
    }

    private static String fmt(double d) {
        return Double.toString(d);
    }
}
