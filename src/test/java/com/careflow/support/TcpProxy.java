package com.careflow.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 in front of one server (the embedded Zeebe gateway), for outage tests:
 * {@link #cut()} closes every connection through it and refuses new ones (each is accepted and
 * closed at once, as a gateway that is gone: the client sees the connection fail), {@link
 * #restore()} forwards again. Bytes are copied as they come, so gRPC (HTTP/2) passes unchanged.
 */
public final class TcpProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TcpProxy.class);

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong refused = new AtomicLong();
  private volatile boolean cut;
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform().daemon().name("tcp-proxy-accept").start(this::accept);
  }

  /** Starts a proxy to {@code host:port} on a free local port. */
  public static TcpProxy to(String host, int port) {
    try {
      return new TcpProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the proxy", e);
    }
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Closes every connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() {
    cut = true;
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
    log.info("Proxy to {} cut", target);
  }

  /** Forwards new connections again. */
  public synchronized void restore() {
    cut = false;
    log.info("Proxy to {} restored ({} connections refused while cut)", target, refused.get());
  }

  /** Connections refused while cut, so far. */
  public long refusedConnections() {
    return refused.get();
  }

  private void accept() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("Proxy accept failed: {}", e.toString());
        }
        continue;
      }
      synchronized (this) { // no connection slips through a cut
        if (cut) {
          refused.incrementAndGet();
          closeQuietly(client);
          continue;
        }
        Socket upstream;
        try {
          upstream = new Socket();
          upstream.connect(target, 5_000);
        } catch (IOException e) {
          closeQuietly(client);
          continue;
        }
        open.add(client);
        open.add(upstream);
        pipe(client, upstream);
        pipe(upstream, client);
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side, or a cut, closed it
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            });
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    cut();
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
