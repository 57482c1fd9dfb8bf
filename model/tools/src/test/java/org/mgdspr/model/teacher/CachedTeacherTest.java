package org.mgdspr.model.teacher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CachedTeacherTest {

    /** A deterministic stand-in that counts the texts it was asked to encode. */
    static final class CountingTeacher implements TextTeacher {
        final List<String> encoded = new ArrayList<>();
        private final String fingerprint;

        CountingTeacher(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public int dim() {
            return 3;
        }

        @Override
        public float[][] embed(List<String> texts) {
            encoded.addAll(texts);
            return texts.stream().map(text -> new float[] {text.length(), text.hashCode() % 7, 1}).toArray(float[][]::new);
        }
    }

    @Test
    void aSecondRunReadsVectorsFromDiskInsteadOfEncoding(@TempDir Path dir) throws IOException {
        CountingTeacher first = new CountingTeacher("t1");
        float[][] computed = new CachedTeacher(first, dir).embed(List.of("drill", "hose", "drill"));
        assertEquals(List.of("drill", "hose"), first.encoded);

        CountingTeacher second = new CountingTeacher("t1");
        CachedTeacher cached = new CachedTeacher(second, dir);
        float[][] again = cached.embed(List.of("hose", "drill"));
        assertEquals(List.of(), second.encoded);
        assertArrayEquals(computed[1], again[0]);
        assertArrayEquals(computed[0], again[1]);
        assertEquals(2, cached.hits());
    }

    @Test
    void anotherTeacherNeverSeesTheseVectors(@TempDir Path dir) throws IOException {
        new CachedTeacher(new CountingTeacher("t1"), dir).embed(List.of("drill"));
        CountingTeacher other = new CountingTeacher("t2");
        new CachedTeacher(other, dir).embed(List.of("drill"));
        assertEquals(List.of("drill"), other.encoded);
    }

    @Test
    void aTornOrCorruptTailIsCutAndEncodedAgain(@TempDir Path dir) throws IOException {
        new CachedTeacher(new CountingTeacher("t1"), dir).embed(List.of("drill", "hose", "rake"));
        Path file = dir.resolve("t1.vectors");
        long full = Files.size(file);
        long record = (full - 8) / 3;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(full - record / 2);
            channel.write(ByteBuffer.wrap(new byte[] {42}), 8 + record + 20);
        }
        CountingTeacher reopened = new CountingTeacher("t1");
        new CachedTeacher(reopened, dir).embed(List.of("drill", "hose", "rake"));
        assertEquals(List.of("hose", "rake"), reopened.encoded);
        assertEquals(full, Files.size(file));

        CountingTeacher third = new CountingTeacher("t1");
        new CachedTeacher(third, dir).embed(List.of("drill", "hose", "rake"));
        assertEquals(List.of(), third.encoded);
    }
}
