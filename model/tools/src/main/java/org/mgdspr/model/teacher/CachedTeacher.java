package org.mgdspr.model.teacher;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A teacher whose vectors are kept on disk, one append-only file per teacher fingerprint, keyed by the SHA-256 of
 * each text: a second run over the same catalog costs a file read instead of minutes of encoder time. Appends hold
 * an exclusive file lock, so runs sharing a cache never interleave records. Every record carries a CRC-32; a load
 * stops at the first record that is short or fails it (a crash mid-append), cuts the file back to the records
 * before it, and their texts are encoded again when asked for. Not thread-safe.
 */
public final class CachedTeacher implements TextTeacher {

    private static final int MAGIC = 0x4d475444;
    private static final int HEADER_BYTES = 2 * Integer.BYTES;
    private static final int KEY_BYTES = 16;

    private final TextTeacher teacher;
    private final Path file;
    private final Map<Key, float[]> vectors = new HashMap<>();
    private int hits;
    private int misses;

    public CachedTeacher(TextTeacher teacher, Path directory) throws IOException {
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        Files.createDirectories(directory);
        this.file = directory.resolve(teacher.fingerprint() + ".vectors");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            if (channel.size() == 0) {
                channel.write(ByteBuffer.allocate(HEADER_BYTES).putInt(MAGIC).putInt(teacher.dim()).flip());
            }
        }
        load();
    }

    @Override
    public String fingerprint() {
        return teacher.fingerprint();
    }

    @Override
    public int dim() {
        return teacher.dim();
    }

    /** Texts answered from the cache so far. */
    public int hits() {
        return hits;
    }

    /** Texts the teacher had to encode so far. */
    public int misses() {
        return misses;
    }

    @Override
    public float[][] embed(List<String> texts) {
        Map<Key, String> missing = new LinkedHashMap<>();
        Key[] keys = new Key[texts.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = Key.of(texts.get(i));
            if (!vectors.containsKey(keys[i])) {
                missing.putIfAbsent(keys[i], texts.get(i));
            }
        }
        hits += texts.size() - missing.size();
        misses += missing.size();
        if (!missing.isEmpty()) {
            List<Key> newKeys = new ArrayList<>(missing.keySet());
            float[][] computed = teacher.embed(new ArrayList<>(missing.values()));
            append(newKeys, computed);
            for (int i = 0; i < computed.length; i++) {
                vectors.put(newKeys.get(i), computed[i]);
            }
        }
        float[][] result = new float[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            result[i] = vectors.get(keys[i]);
        }
        return result;
    }

    private int recordBytes() {
        return KEY_BYTES + teacher.dim() * Float.BYTES + Integer.BYTES;
    }

    private void load() throws IOException {
        int dim = teacher.dim();
        long good = HEADER_BYTES;
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != dim) {
                throw new IOException("teacher cache " + file + " is not a cache of " + dim + "-float vectors; delete it");
            }
            byte[] record = new byte[recordBytes()];
            while (true) {
                try {
                    in.readFully(record);
                } catch (EOFException endOrTornRecord) {
                    break;
                }
                CRC32 crc = new CRC32();
                crc.update(record, 0, record.length - Integer.BYTES);
                ByteBuffer buffer = ByteBuffer.wrap(record);
                if ((int) crc.getValue() != buffer.getInt(record.length - Integer.BYTES)) {
                    break;
                }
                Key key = new Key(buffer.getLong(), buffer.getLong());
                float[] vector = new float[dim];
                buffer.asFloatBuffer().get(vector);
                vectors.put(key, vector);
                good += record.length;
            }
        }
        if (Files.size(file) > good) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                channel.truncate(good);
            }
        }
    }

    private void append(List<Key> keys, float[][] computed) {
        ByteBuffer records = ByteBuffer.allocate(computed.length * recordBytes());
        for (int i = 0; i < computed.length; i++) {
            int start = records.position();
            records.putLong(keys.get(i).high()).putLong(keys.get(i).low());
            for (float value : computed[i]) {
                records.putFloat(value);
            }
            CRC32 crc = new CRC32();
            crc.update(records.array(), start, records.position() - start);
            records.putInt((int) crc.getValue());
        }
        records.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
             FileLock lock = channel.lock()) {
            while (records.hasRemaining()) {
                channel.write(records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to the teacher cache " + file, e);
        }
    }

    /** The first 128 bits of a text's SHA-256. */
    private record Key(long high, long low) {

        static Key of(String text) {
            try {
                ByteBuffer digest = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
                return new Key(digest.getLong(), digest.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from the JDK", e);
            }
        }
    }
}
