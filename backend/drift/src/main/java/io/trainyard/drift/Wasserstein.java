package io.trainyard.drift;

/** Wasserstein-1 distance between two sorted samples: the area between their ECDFs, by one walk. */
final class Wasserstein {

    private Wasserstein() {
    }

    /**
     * W1 = ∫ |F_ref(x) − F_cur(x)| dx, computed as the equal area between the quantile functions,
     * ∫₀¹ |F_ref⁻¹(u) − F_cur⁻¹(u)| du: one walk over the breakpoints u = i/n and j/m (in integers, scaled
     * by n·m), where both quantile functions are constant. Ties need no special case, and with n = m every
     * step advances both sides (a predictable branch).
     */
    static double distance(SortedSamples ref, SortedSamples cur) {
        long n = ref.size();
        long m = cur.size();
        double[] a = ref.values;
        double[] b = cur.values;
        int i = ref.from;
        int j = cur.from;
        long nextI = m; // the next breakpoints, (i + 1)/n and (j + 1)/m, times n·m
        long nextJ = n;
        long u = 0;
        double area = 0;
        while (i < ref.to && j < cur.to) { // both end together, at u = n·m
            double gap = Math.abs(a[i] - b[j]);
            if (nextI < nextJ) {
                area += gap * (nextI - u);
                u = nextI;
                nextI += m;
                i++;
            } else if (nextJ < nextI) {
                area += gap * (nextJ - u);
                u = nextJ;
                nextJ += n;
                j++;
            } else {
                area += gap * (nextI - u);
                u = nextI;
                nextI += m;
                nextJ += n;
                i++;
                j++;
            }
        }
        return area / ((double) n * m);
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
