package com.careflow.analytics;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.BufferFastAggregation;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Exact sets of dense numbers (buyers, orders) kept in rollup rows as Roaring bitmaps
 * (org.roaringbitmap, its portable serialization in a {@code bytea}); {@code null} is the empty
 * set. The sets of a period and breakdown are the OR of its rows' sets, so a distinct count over
 * any period is exact — unlike a HyperLogLog sketch, which only estimates it.
 */
final class Bitmaps {

  private Bitmaps() {}

  static RoaringBitmap read(byte[] bytes) {
    RoaringBitmap b = new RoaringBitmap();
    if (bytes != null) {
      try {
        b.deserialize(new DataInputStream(new ByteArrayInputStream(bytes)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b;
  }

  /**
   * A stored set read in place ({@link ImmutableRoaringBitmap} over the bytes, no copy into a
   * mutable bitmap); {@code null} when the row holds the empty set.
   */
  static ImmutableRoaringBitmap view(byte[] bytes) {
    return bytes == null ? null : new ImmutableRoaringBitmap(ByteBuffer.wrap(bytes));
  }

  /**
   * The number of distinct members of the union of stored sets, without building the union
   * (Roaring's {@link BufferFastAggregation#orCardinality}): exact.
   */
  static long unionCardinality(List<ImmutableRoaringBitmap> sets) {
    if (sets.isEmpty()) {
      return 0;
    }
    if (sets.size() == 1) {
      return sets.getFirst().getLongCardinality();
    }
    return BufferFastAggregation.orCardinality(sets.toArray(ImmutableRoaringBitmap[]::new));
  }

  static byte[] write(RoaringBitmap b) {
    if (b.isEmpty()) {
      return null;
    }
    b.runOptimize();
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.serializedSizeInBytes());
    try {
      b.serialize(new DataOutputStream(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static RoaringBitmap of(Object[] numbers) {
    RoaringBitmap b = new RoaringBitmap();
    for (Object n : numbers) {
      if (n != null) {
        b.add(((Number) n).intValue());
      }
    }
    return b;
  }

  /** The chunk of a number: its upper 16 bits (one Roaring container). */
  static int chunk(int number) {
    return number >>> 16;
  }

  /** The part of a bitmap in each chunk, by chunk. */
  static java.util.Map<Integer, RoaringBitmap> byChunk(RoaringBitmap b) {
    java.util.Map<Integer, RoaringBitmap> chunks = new java.util.TreeMap<>();
    for (int n : b) {
      chunks.computeIfAbsent(chunk(n), c -> new RoaringBitmap()).add(n);
    }
    return chunks;
  }
}
