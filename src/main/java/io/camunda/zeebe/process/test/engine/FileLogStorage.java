package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The test engine's log in a file, as a broker keeps its log in segment files, instead of the
 * library's {@link InMemoryLogStorage}, which holds every block on the heap and is not safe to read
 * while written.
 *
 * <p>Why a file: the engine never trims the log, so on the heap it grew by about 75 KiB per order
 * journey; the Double 11 benchmark's 100,000-order burst filled a 12 GiB heap with it. Here the heap
 * holds only where each block starts; the blocks themselves are read back from the file (from the
 * page cache, in practice) when the stream processor or a record reader asks for them.
 *
 * <p>Why not the library's: it keeps its blocks in a plain {@code ArrayList} that the engine reads
 * while gRPC and processing threads append; once the list is large, a reader can see the new size
 * before the new block and get {@code null}. The benchmark's stream processor failed that way eleven
 * minutes into the burst and the engine stopped answering. Here appends and index reads share one lock.
 */
final class FileLogStorage extends InMemoryLogStorage implements AutoCloseable {

  private final Path path;
  private final FileChannel file;
  private final Object lock = new Object();
  /** Where block i (0-based) starts in the file and how long it is; guarded by {@link #lock}. */
  private long[] offsets = new long[1024];
  private int[] lengths = new int[1024];
  private int count;
  private long size;
  /** Lowest record position of each block → the block's 1-based index, as the library numbers them. */
  private final ConcurrentSkipListMap<Long, Integer> blockByLowestPosition = new ConcurrentSkipListMap<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();

  /** A log in a new file at {@code path}; the caller deletes it after {@link #close()}. */
  FileLogStorage(Path path) {
    this.path = path;
    try {
      this.file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the engine's log file " + path, e);
    }
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
    ByteBuffer block = ByteBuffer.allocate(writer.getLength());
    writer.write(new UnsafeBuffer(block), 0);
    append(lowestPosition, highestPosition, block, listener);
  }

  @Override
  public void append(long lowestPosition, long highestPosition, ByteBuffer block, AppendListener listener) {
    int index;
    synchronized (lock) {
      // the whole buffer is the block, as the library's storage and its readers take it
      ByteBuffer whole = block.duplicate().clear();
      int length = whole.remaining();
      write(whole, size);
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
        lengths = Arrays.copyOf(lengths, count * 2);
      }
      offsets[count] = size;
      lengths[count] = length;
      size += length;
      index = ++count;
    }
    blockByLowestPosition.put(lowestPosition, index);
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  private void write(ByteBuffer block, long at) {
    try {
      while (block.hasRemaining()) {
        at += file.write(block, at);
      }
    } catch (IOException e) {
      // the engine treats a failed append as fatal for the stream processor, which is right: the log is its truth
      throw new UncheckedIOException("Cannot append to the engine's log file " + path, e);
    }
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  int blockCount() {
    synchronized (lock) {
      return count;
    }
  }

  /** Bytes of log written so far. */
  long sizeInBytes() {
    synchronized (lock) {
      return size;
    }
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close the engine's log file " + path, e);
    }
  }

  private final class Reader implements LogStorageReader {

    private int next;

    @Override
    public void seek(long position) {
      Map.Entry<Long, Integer> block = blockByLowestPosition.lowerEntry(position);
      next = block == null ? 0 : block.getValue() - 1;
    }

    @Override
    public boolean hasNext() {
      synchronized (lock) {
        return next >= 0 && next < count;
      }
    }

    @Override
    public DirectBuffer next() {
      long offset;
      int length;
      synchronized (lock) {
        if (next < 0 || next >= count) {
          throw new NoSuchElementException();
        }
        offset = offsets[next];
        length = lengths[next];
        next++;
      }
      // a fresh buffer per block: the log stream reader may still hold the previous one
      ByteBuffer block = ByteBuffer.allocate(length);
      try {
        while (block.hasRemaining()) {
          if (file.read(block, offset + block.position()) < 0) {
            throw new IllegalStateException("The engine's log file " + path + " ends inside block " + next);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the engine's log file " + path, e);
      }
      return new UnsafeBuffer(block.flip());
    }

    @Override
    public void close() {}
  }
}
