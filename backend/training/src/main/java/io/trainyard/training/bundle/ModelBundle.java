package io.trainyard.training.bundle;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The model artifact: a zip with {@code manifest.json} ({@link BundleManifest}) and {@code parameters.bin}
 * (DJL {@code Block.saveParameters} output for the block rebuilt from the manifest's architecture).
 */
public record ModelBundle(BundleManifest manifest, byte[] parameters) {
    public static final int FORMAT_VERSION = 1;
    public static final String MANIFEST = "manifest.json";
    public static final String PARAMETERS = "parameters.bin";
    static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues().create();

    public void write(Path path) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(path); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(GSON.toJson(manifest).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(PARAMETERS));
            zip.write(parameters);
            zip.closeEntry();
        }
    }

    public static ModelBundle read(Path path) throws IOException {
        try (InputStream is = Files.newInputStream(path)) {
            return read(is);
        }
    }

    public static ModelBundle read(InputStream in) throws IOException {
        BundleManifest manifest = null;
        byte[] params = null;
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            zip.transferTo(buf);
            if (MANIFEST.equals(e.getName())) {
                manifest = GSON.fromJson(buf.toString(StandardCharsets.UTF_8), BundleManifest.class);
            } else if (PARAMETERS.equals(e.getName())) {
                params = buf.toByteArray();
            }
        }
        if (manifest == null || params == null) {
            throw new IOException("not a model bundle: " + MANIFEST + " or " + PARAMETERS + " missing");
        }
        if (manifest.formatVersion() > FORMAT_VERSION) {
            throw new IOException("bundle format " + manifest.formatVersion() + " is newer than supported "
                    + FORMAT_VERSION);
        }
        return new ModelBundle(manifest, params);
    }
}
