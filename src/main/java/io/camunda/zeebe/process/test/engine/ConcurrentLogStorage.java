package io.camunda.zeebe.process.test.engine;

import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The test engine's log, kept in memory like the library's {@link InMemoryLogStorage}, but safe to
 * read while it is written. The library's keeps its blocks in a plain {@code ArrayList} that the
 * engine's reader reads while gRPC and processing threads append; once the list is large, a reader
 * can see the new size before the new block and get {@code null}. In the Double 11 benchmark the
 * stream processor failed that way eleven minutes into the 100,000-order burst (NullPointerException in
 * {@code ListLogStorageReader.next}) and the engine stopped answering. Here reads and appends share
 * one lock; appends come from the engine's few writers, reads from its processor and record stream.
 */
final class ConcurrentLogStorage extends InMemoryLogStorage {

  private final List<ByteBuffer> blocks = new ArrayList<>();
  /** Lowest record position of each block → the block's 1-based index, as the library numbers them. */
  private final ConcurrentSkipListMap<Long, Integer> blockByLowestPosition = new ConcurrentSkipListMap<>();
  private final Set<CommitListener> commitListeners = new CopyOnWriteArraySet<>();

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
    synchronized (blocks) {
      blocks.add(block);
      index = blocks.size();
    }
    blockByLowestPosition.put(lowestPosition, index);
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
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
    synchronized (blocks) {
      return blocks.size();
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
      synchronized (blocks) {
        return next >= 0 && next < blocks.size();
      }
    }

    @Override
    public DirectBuffer next() {
      ByteBuffer block;
      synchronized (blocks) {
        if (next < 0 || next >= blocks.size()) {
          throw new NoSuchElementException();
        }
        block = blocks.get(next++);
      }
      return new UnsafeBuffer(block);
    }

    @Override
    public void close() {}
  }
}
