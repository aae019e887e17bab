package io.trainyard.server.datasets.ingest;

import java.io.InputStream;

/** The big-endian bytes of a long[], produced as they are read: no second copy of a large array. */
final class LongArrayInputStream extends InputStream {

    private final long[] values;
    private long position;

    LongArrayInputStream(long[] values) {
        this.values = values;
    }

    @Override
    public int read() {
        if (position >= (long) values.length * Long.BYTES) {
            return -1;
        }
        int index = (int) (position / Long.BYTES);
        int shift = (Long.BYTES - 1 - (int) (position % Long.BYTES)) * 8;
        position++;
        return (int) (values[index] >>> shift) & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        long total = (long) values.length * Long.BYTES;
        if (position >= total) {
            return -1;
        }
        int count = (int) Math.min(length, total - position);
        int i = 0;
        // whole longs when aligned, byte by byte at the edges
        while (i < count && position % Long.BYTES != 0) {
            buffer[offset + i++] = (byte) read();
        }
        while (count - i >= Long.BYTES) {
            long value = values[(int) (position / Long.BYTES)];
            for (int b = 0; b < Long.BYTES; b++) {
                buffer[offset + i++] = (byte) (value >>> (56 - 8 * b));
            }
            position += Long.BYTES;
        }
        while (i < count) {
            buffer[offset + i++] = (byte) read();
        }
        return count;
    }
}
