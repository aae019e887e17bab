package io.trainyard.drift;

/** Wasserstein-1 distance between two sorted samples: the area between their ECDFs, by one merge walk. */
final class Wasserstein {

    private Wasserstein() {
    }

    /** W1 = ∫ |F_ref(x) − F_cur(x)| dx; between consecutive distinct values both ECDFs are flat. */
    static double distance(SortedSamples ref, SortedSamples cur) {
        double n = ref.size();
        double m = cur.size();
        double[] a = ref.values;
        double[] b = cur.values;
        int i = ref.from;
        int j = cur.from;
        double previous = Math.min(a[i], b[j]);
        double area = 0;
        while (i < ref.to || j < cur.to) {
            double x = i == ref.to ? b[j] : j == cur.to ? a[i] : Math.min(a[i], b[j]);
            area += Math.abs((i - ref.from) / n - (j - cur.from) / m) * (x - previous);
            while (i < ref.to && a[i] == x) {
                i++;
            }
            while (j < cur.to && b[j] == x) {
                j++;
            }
            previous = x;
        }
        return area;
    }

    /**
     * W1 in units of the reference's sample standard deviation. A constant reference (sd 0) gives 0 when
     * the current sample is that same constant and +∞ otherwise: any change of a constant is drift.
     */
    static double normalised(SortedSamples ref, SortedSamples cur) {
        double distance = distance(ref, cur);
        double sd = ref.standardDeviation();
        if (sd == 0) {
            return distance == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return distance / sd;
    }
}
