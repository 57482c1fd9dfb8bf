package org.mgdspr.model.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@code rows x width} float matrix held on the Java heap in fixed-size pages that are allocated on first write.
 *
 * <p>Hashed embedding tables are mostly never touched (the paper preset has 10 M item-id buckets), so a page that
 * was never written is not stored: reads of its rows are answered by the {@link RowInitializer}, which is a pure
 * function of the row number. Writing into a page first materialises all of its rows from the initializer, so a
 * matrix reads the same before and after allocation, and a saved matrix stores only its allocated pages.
 *
 * <p>Not thread-safe for writers. Concurrent readers are safe while no thread writes.
 */
public final class LazyRowMatrix {

    /** Rows per page: 256 rows of 128 floats is 128 KiB, small enough that sparse touches stay cheap. */
    public static final int PAGE_ROWS = 256;

    private final int rows;
    private final int width;
    private final RowInitializer initializer;
    private final float[][] pages;

    public LazyRowMatrix(int rows, int width, RowInitializer initializer) {
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("matrix needs rows >= 1 and width >= 1, got " + rows + " x " + width);
        }
        this.rows = rows;
        this.width = width;
        this.initializer = Objects.requireNonNull(initializer, "initializer");
        this.pages = new float[Math.ceilDiv(rows, PAGE_ROWS)][];
    }

    public int rows() {
        return rows;
    }

    public int width() {
        return width;
    }

    /** Copies row {@code row} into {@code target[offset, offset + width)}. */
    public void read(int row, float[] target, int offset) {
        checkRow(row);
        float[] page = pages[row / PAGE_ROWS];
        if (page == null) {
            initializer.fill(row, target, offset, width);
        } else {
            System.arraycopy(page, (row % PAGE_ROWS) * width, target, offset, width);
        }
    }

    /**
     * The page holding {@code row}, allocated if needed, for in-place updates at {@link #offsetInPage(int)}.
     */
    public float[] writablePage(int row) {
        checkRow(row);
        int index = row / PAGE_ROWS;
        float[] page = pages[index];
        if (page == null) {
            page = newPage(index);
            pages[index] = page;
        }
        return page;
    }

    public int offsetInPage(int row) {
        return (row % PAGE_ROWS) * width;
    }

    public int allocatedPages() {
        int count = 0;
        for (float[] page : pages) {
            if (page != null) {
                count++;
            }
        }
        return count;
    }

    /** Writes the shape and every allocated page; untouched pages are rebuilt from the initializer on load. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(rows);
        out.writeInt(width);
        out.writeInt(PAGE_ROWS);
        out.writeInt(allocatedPages());
        for (int index = 0; index < pages.length; index++) {
            float[] page = pages[index];
            if (page != null) {
                out.writeInt(index);
                out.write(toBytes(page));
            }
        }
    }

    /** Replaces the content with a matrix written by {@link #save}; the shapes must agree. */
    public void load(DataInputStream in) throws IOException {
        int savedRows = in.readInt();
        int savedWidth = in.readInt();
        int savedPageRows = in.readInt();
        if (savedRows != rows || savedWidth != width || savedPageRows != PAGE_ROWS) {
            throw new IOException("saved matrix is " + savedRows + " x " + savedWidth + " in pages of " + savedPageRows
                + " rows but this one is " + rows + " x " + width + " in pages of " + PAGE_ROWS);
        }
        Arrays.fill(pages, null);
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            int index = in.readInt();
            if (index < 0 || index >= pages.length) {
                throw new IOException("page index " + index + " out of range [0, " + pages.length + ")");
            }
            byte[] bytes = new byte[pageLength(index) * Float.BYTES];
            in.readFully(bytes);
            float[] page = new float[pageLength(index)];
            ByteBuffer.wrap(bytes).asFloatBuffer().get(page);
            pages[index] = page;
        }
    }

    private static byte[] toBytes(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private float[] newPage(int index) {
        float[] page = new float[pageLength(index)];
        int first = index * PAGE_ROWS;
        int count = page.length / width;
        for (int r = 0; r < count; r++) {
            initializer.fill(first + r, page, r * width, width);
        }
        return page;
    }

    private int pageLength(int index) {
        return Math.min(PAGE_ROWS, rows - index * PAGE_ROWS) * width;
    }

    private void checkRow(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " outside [0, " + rows + ")");
        }
    }
}
