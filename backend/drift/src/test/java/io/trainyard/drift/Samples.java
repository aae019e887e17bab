package io.trainyard.drift;

import java.util.Random;

/** Seeded samples for the behaviour tests. */
final class Samples {

    private Samples() {
    }

    static double[] normal(Random random, int n, double mean, double sd) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = mean + sd * random.nextGaussian();
        }
        return values;
    }

    static double[] exponential(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = -scale * Math.log(1 - random.nextDouble());
        }
        return values;
    }

    /** Categories "c0", "c1", … drawn with these probabilities. */
    static String[] categorical(Random random, int n, double... probabilities) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble();
            int k = 0;
            double cumulative = probabilities[0];
            while (u >= cumulative && k < probabilities.length - 1) {
                cumulative += probabilities[++k];
            }
            values[i] = "c" + k;
        }
        return values;
    }
}
