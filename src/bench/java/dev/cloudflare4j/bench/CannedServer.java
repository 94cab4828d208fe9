package dev.cloudflare4j.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal keep-alive HTTP/1.1 responder on 127.0.0.1 that answers every request with the same
 * bytes: much cheaper than the clients measured against it, so that ratios measure clients. It
 * reads request heads (and skips any Content-Length body) and writes a canned answer.
 */
public final class CannedServer implements AutoCloseable {

  public static final String BODY =
      "{\"result\":{\"id\":\"ed17574386854bf78a67040be0a770b0\"},\"success\":true,"
          + "\"errors\":[],\"messages\":[]}";

  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool(CannedServer::daemon);
  private final byte[] answer;

  CannedServer() throws IOException {
    this(200, BODY);
  }

  CannedServer(int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " OK\r\nContent-Type: application/json\r\ncf-ray: 8f1a2b3c4d5e6f70-SJC\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    answer = new byte[headBytes.length + bytes.length];
    System.arraycopy(headBytes, 0, answer, 0, headBytes.length);
    System.arraycopy(bytes, 0, answer, headBytes.length, bytes.length);
    socket = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
    Thread acceptor = daemon(this::accept);
    acceptor.start();
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "canned-server");
    thread.setDaemon(true);
    return thread;
  }

  int port() {
    return socket.getLocalPort();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port() + "/client/v4";
  }

  /** A client with the benchmarks' token, pointed at this server. */
  dev.cloudflare4j.CloudflareClient client() {
    return dev.cloudflare4j.CloudflareClient.builder()
        .apiToken(DeleteBenchmark.API_TOKEN)
        .baseUrl(baseUrl())
        .build();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        connection.setTcpNoDelay(true);
        connections.execute(() -> serve(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection;
        InputStream in = new BufferedInputStream(connection.getInputStream(), 8192);
        OutputStream out = connection.getOutputStream()) {
      StringBuilder line = new StringBuilder();
      long contentLength = 0;
      int previous = -1;
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n' && previous == '\r') {
          String header = line.toString();
          if (header.isEmpty()) {
            in.skipNBytes(contentLength);
            out.write(answer);
            out.flush();
            contentLength = 0;
          } else if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
            contentLength = Long.parseLong(header.substring(15).trim());
          }
          line.setLength(0);
        } else if (b != '\r') {
          line.append((char) b);
        }
        previous = b;
      }
    } catch (IOException e) {
      // The client closed the connection.
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    connections.shutdownNow();
  }
}
