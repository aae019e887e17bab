package io.trainyard.server.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** One part of a file as a stream of its own, so the SDK can reopen it to retry that part's upload. */
final class FileSlice extends InputStream {

    private final FileChannel channel;
    private final long end;
    private long position;

    private FileSlice(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
    }

    static FileSlice open(Path file, long offset, long length) throws IOException {
        return new FileSlice(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int read = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
