package org.mgdspr.model.twotower;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.nn.EmbeddingTable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk layout of one tower directory: {@code config.json} (the full {@link ModelConfig}),
 * {@code dense.params} (DJL's parameter format of the tower block) and {@code tables.bin} (the embedding tables,
 * allocated pages only). Floats are stored raw, so a loaded tower computes bit-identical outputs.
 */
final class TowerFiles {

    static final String CONFIG = "config.json";
    static final String DENSE = "dense.params";
    static final String TABLES = "tables.bin";

    private static final String TABLES_MAGIC = "mgdspr-tables";
    private static final int TABLES_VERSION = 1;

    private TowerFiles() {}

    static void save(Path dir, ModelConfig config, Block block, List<EmbeddingTable> tables) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CONFIG), config.toJson(), StandardCharsets.UTF_8);
        try (DataOutputStream out = output(dir.resolve(DENSE))) {
            block.saveParameters(out);
        }
        try (DataOutputStream out = output(dir.resolve(TABLES))) {
            out.writeUTF(TABLES_MAGIC);
            out.writeInt(TABLES_VERSION);
            out.writeInt(tables.size());
            for (EmbeddingTable table : tables) {
                out.writeUTF(table.name());
                table.values().save(out);
            }
        }
    }

    static ModelConfig readConfig(Path dir) throws IOException {
        return ModelConfig.fromJson(Files.readString(dir.resolve(CONFIG), StandardCharsets.UTF_8));
    }

    static void load(Path dir, NDManager manager, Block block, List<EmbeddingTable> tables) throws IOException {
        try (DataInputStream in = input(dir.resolve(DENSE))) {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("malformed " + dir.resolve(DENSE) + ": " + e.getMessage(), e);
        }
        Map<String, EmbeddingTable> byName = new HashMap<>();
        tables.forEach(table -> byName.put(table.name(), table));
        try (DataInputStream in = input(dir.resolve(TABLES))) {
            if (!TABLES_MAGIC.equals(in.readUTF()) || in.readInt() != TABLES_VERSION) {
                throw new IOException(dir.resolve(TABLES) + " is not a version " + TABLES_VERSION + " table file");
            }
            int count = in.readInt();
            if (count != byName.size()) {
                throw new IOException(dir.resolve(TABLES) + " holds " + count + " tables, expected " + byName.keySet());
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                EmbeddingTable table = byName.get(name);
                if (table == null) {
                    throw new IOException("unexpected table " + name + " in " + dir.resolve(TABLES));
                }
                table.values().load(in);
            }
        }
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private static DataInputStream input(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}
