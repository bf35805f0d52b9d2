package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * journey; the Double 11 benchmark's 100,000-order burst filled a 12 GiB heap with it. Here the
 * heap holds, per block, where it starts and its lowest position; the blocks themselves are read
 * back from the file (from the page cache, in practice) when the stream processor or a record
 * reader asks.
 *
 * <p>Why not the library's: it keeps its blocks in a plain {@code ArrayList} that the engine reads
 * while gRPC and processing threads append; once the list is large, a reader can see the new size
 * before the new block and get {@code null}. The benchmark's stream processor failed that way
 * eleven minutes into the burst and the engine stopped answering. Here appends and index reads
 * share one lock.
 *
 * <p>Why {@link RandomAccessFile} and not a {@code FileChannel}: a channel closes for every user
 * when a thread blocked in it is interrupted (a test's timed-out wait reading the record stream
 * would do), and the engine would be dead from then on. Stream I/O is not interruptible; each
 * reader has its own file handle, so reads do not wait for one another.
 */
final class FileLogStorage extends InMemoryLogStorage implements AutoCloseable {

  private final Path path;
  private final RandomAccessFile file;
  private final Set<RandomAccessFile> readerFiles = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();

  /**
   * Where block i (0-based) starts in the file; it ends where the next starts, or at {@link #size}.
   * Guarded by {@link #lock}.
   */
  private long[] offsets = new long[1024];

  private int count;
  private long size;

  /**
   * Lowest record position of each block → the block's 1-based index, as the library numbers them.
   */
  private final ConcurrentSkipListMap<Long, Integer> blockByLowestPosition =
      new ConcurrentSkipListMap<>();

  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();

  /** A log in a new file at {@code path}; the caller deletes it after {@link #close()}. */
  FileLogStorage(Path path) {
    this.path = path;
    try {
      this.file = new RandomAccessFile(Files.createFile(path).toFile(), "rw");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the engine's log file " + path, e);
    }
  }

  @Override
  public LogStorageReader newReader() {
    return new Reader();
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, BufferWriter writer, AppendListener listener) {
    ByteBuffer block = ByteBuffer.allocate(writer.getLength());
    writer.write(new UnsafeBuffer(block), 0);
    append(lowestPosition, highestPosition, block, listener);
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, ByteBuffer block, AppendListener listener) {
    int index;
    synchronized (lock) {
      write(block, size);
      if (count == offsets.length) {
        offsets = Arrays.copyOf(offsets, count * 2);
      }
      offsets[count] = size;
      size += block.capacity(); // the whole buffer is the block, as the library's storage and its
      // readers take it
      index = ++count;
    }
    blockByLowestPosition.put(lowestPosition, index);
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  private void write(ByteBuffer block, long at) {
    byte[] bytes;
    int from;
    if (block.hasArray()) {
      bytes = block.array();
      from = block.arrayOffset();
    } else {
      bytes = new byte[block.capacity()];
      block.duplicate().clear().get(bytes);
      from = 0;
    }
    try {
      file.seek(at);
      file.write(bytes, from, block.capacity());
    } catch (IOException e) {
      // surfaces to the appending thread (stream processor or gRPC request): the log is the
      // engine's truth
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

  /** Closes the file and every reader's handle; a reader used afterwards fails. */
  @Override
  public void close() {
    IOException failure = null;
    for (RandomAccessFile readerFile : readerFiles) {
      failure = closeQuietly(readerFile, failure);
    }
    failure = closeQuietly(file, failure);
    if (failure != null) {
      throw new UncheckedIOException("Cannot close the engine's log file " + path, failure);
    }
  }

  private static IOException closeQuietly(RandomAccessFile file, IOException earlier) {
    try {
      file.close();
      return earlier;
    } catch (IOException e) {
      return earlier == null ? e : earlier;
    }
  }

  private final class Reader implements LogStorageReader {

    private int next;
    private RandomAccessFile readerFile; // opened on the first read: many readers never read

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
        length = (int) ((next + 1 < count ? offsets[next + 1] : size) - offset);
        next++;
      }
      // a fresh array per block: the log stream reader may still hold the previous one
      byte[] block = new byte[length];
      try {
        if (readerFile == null) {
          readerFile = new RandomAccessFile(path.toFile(), "r");
          readerFiles.add(readerFile);
        }
        readerFile.seek(offset);
        readerFile.readFully(block); // written whole before the block was counted
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot read block " + next + " of the engine's log file " + path, e);
      }
      return new UnsafeBuffer(block);
    }

    @Override
    public void close() {
      if (readerFile != null) {
        readerFiles.remove(readerFile);
        closeQuietly(readerFile, null);
        readerFile = null;
      }
    }
  }
}
