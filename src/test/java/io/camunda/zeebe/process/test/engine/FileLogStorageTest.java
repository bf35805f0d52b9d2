package io.camunda.zeebe.process.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's log in a file, read while it is written. The first test, run against the library's
 * {@code InMemoryLogStorage} with 2,000,000 blocks (enough list growth for its race to show),
 * failed 3 runs out of 3 with the NullPointerException that stopped the benchmark's engine.
 */
class FileLogStorageTest {

  private static final LogStorage.AppendListener IGNORE = new LogStorage.AppendListener() {};

  @TempDir Path folder;
  private FileLogStorage storage;

  @BeforeEach
  void open() {
    storage = new FileLogStorage(folder.resolve("log"));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  @Test
  @Timeout(120)
  void aReaderFollowingTheWriterSeesEveryBlockInOrder() throws Exception {
    int blocks = 200_000;
    var writer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < blocks; i++) {
                storage.append(i, i, ByteBuffer.allocate(4).putInt(0, i), IGNORE);
              }
            });

    var reader = storage.newReader();
    int read = 0;
    while (read < blocks) {
      if (reader.hasNext()) {
        assertThat(reader.next().getInt(0, ByteOrder.BIG_ENDIAN)).isEqualTo(read);
        read++;
      } else if (writer.isCompletedExceptionally()) {
        writer.join(); // throws the writer's failure
      } else {
        Thread.onSpinWait();
      }
    }
    writer.get(1, TimeUnit.MINUTES);
    assertThat(reader.hasNext()).isFalse();
    assertThat(storage.blockCount()).isEqualTo(blocks);
  }

  @Test
  void seeksToTheBlockHoldingAPosition() {
    storage.append(1, 3, ByteBuffer.allocate(4).putInt(0, 100), IGNORE); // positions 1..3
    storage.append(4, 6, ByteBuffer.allocate(4).putInt(0, 200), IGNORE); // positions 4..6
    var commits = new int[1];
    storage.addCommitListener(() -> commits[0]++);
    storage.append(7, 7, ByteBuffer.allocate(4).putInt(0, 300), IGNORE);

    var reader = storage.newReader();
    reader.seek(5);
    assertThat(reader.next().getInt(0, ByteOrder.BIG_ENDIAN)).isEqualTo(200);
    reader.seek(1);
    assertThat(reader.next().getInt(0, ByteOrder.BIG_ENDIAN)).isEqualTo(100);
    reader.seek(Long.MAX_VALUE);
    assertThat(reader.next().getInt(0, ByteOrder.BIG_ENDIAN)).isEqualTo(300);
    assertThat(commits[0]).isEqualTo(1);
  }

  @Test
  void keepsBlocksOfAnySizeWhole() {
    byte[] large = new byte[300_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) (i * 31);
    }
    var appended = new long[2];
    storage.append(1, 1, ByteBuffer.wrap(new byte[] {7}), IGNORE);
    storage.append(
        2,
        9,
        ByteBuffer.wrap(large),
        new LogStorage.AppendListener() {
          @Override
          public void onCommit(long index, long highestPosition) {
            appended[0] = index;
            appended[1] = highestPosition;
          }
        });

    var reader = storage.newReader();
    assertThat(reader.next().capacity()).isEqualTo(1);
    var block = reader.next();
    byte[] read = new byte[block.capacity()];
    block.getBytes(0, read);
    assertThat(read).isEqualTo(large);
    assertThat(appended).containsExactly(2, 9);
    assertThat(storage.sizeInBytes()).isEqualTo(1 + large.length);
    assertThat(folder.resolve("log")).hasSize(1 + large.length);
  }

  @Test
  void aWholeBufferIsOneBlockWhateverItsPosition() {
    ByteBuffer buffer =
        ByteBuffer.allocate(8).putInt(0, 1).putInt(4, 2).position(8); // as left by a writer
    storage.append(1, 1, buffer, IGNORE);

    storage.append(
        2,
        2,
        ByteBuffer.allocateDirect(8).putInt(0, 3).putInt(4, 4).position(8),
        IGNORE); // off the heap

    var reader = storage.newReader();
    var block = reader.next();
    assertThat(block.capacity()).isEqualTo(8);
    assertThat(block.getInt(4, ByteOrder.BIG_ENDIAN)).isEqualTo(2);
    assertThat(reader.next().getInt(4, ByteOrder.BIG_ENDIAN)).isEqualTo(4);
  }

  @Test
  void anInterruptedThreadDoesNotCloseTheLogForEveryone() throws Exception {
    storage.append(1, 1, ByteBuffer.allocate(4).putInt(0, 1), IGNORE);
    var interrupted =
        CompletableFuture.supplyAsync(
            () -> {
              Thread.currentThread()
                  .interrupt(); // as a test's timed-out wait interrupts a thread reading the
              // records
              int read = storage.newReader().next().getInt(0, ByteOrder.BIG_ENDIAN);
              storage.append(2, 2, ByteBuffer.allocate(4).putInt(0, 2), IGNORE);
              Thread.interrupted();
              return read;
            });
    assertThat(interrupted.get(1, TimeUnit.MINUTES)).isEqualTo(1);

    storage.append(3, 3, ByteBuffer.allocate(4).putInt(0, 3), IGNORE);
    var reader = storage.newReader();
    assertThat(
            List.of(
                reader.next().getInt(0, ByteOrder.BIG_ENDIAN),
                reader.next().getInt(0, ByteOrder.BIG_ENDIAN),
                reader.next().getInt(0, ByteOrder.BIG_ENDIAN)))
        .containsExactly(1, 2, 3);
  }

  @Test
  void aClosedLogRefusesReadsNamingItsFile() {
    storage.append(1, 1, ByteBuffer.allocate(4).putInt(0, 1), IGNORE);
    storage.append(2, 2, ByteBuffer.allocate(4).putInt(0, 2), IGNORE);
    var reader = storage.newReader();
    reader.next();

    storage.close();

    assertThatThrownBy(reader::next)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(folder.resolve("log").toString());
  }
}
