package org.loanetl.aws.s3.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay on loopback in front of the S3 server, on a port that survives the server's restarts. It can go down
 * (connections reset, new ones refused) and can take the server down itself once one connection has sent a given
 * number of bytes to the client: a server lost in the middle of a read, at a chosen byte.
 */
final class Relay implements AutoCloseable {

    /** What to do once a connection has relayed so many bytes to its client. */
    private record Trigger(long bytes, Runnable action) {
    }

    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Trigger> trigger = new AtomicReference<>();
    private volatile int target;
    private volatile String poisoned;
    private final java.util.concurrent.atomic.AtomicInteger burst = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ServerSocket server;

    Relay(int target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    int port() {
        return port;
    }

    /** Resets every connection and refuses new ones. */
    synchronized void down() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            reset(socket);
        }
    }

    /** Listens again on the same port, relaying to {@code newTarget}. */
    synchronized void up(int newTarget) throws IOException {
        this.target = newTarget;
        this.server = listen(port);
        accept(server);
    }

    /**
     * Answers every request whose text contains {@code requestPart} ({@code GET /bucket/key}) with an HTTP 503 SlowDown,
     * as an overloaded S3 does, until {@link #answerAll()}; other requests pass through. {@code null} stops it.
     */
    void answer503To(String requestPart) {
        poisoned = requestPart;
    }

    /** Lets every request through again. */
    void answerAll() {
        poisoned = null;
        burst.set(0);
    }

    /**
     * Answers the next {@code count} requests whose text contains {@code requestPart} with an HTTP 503 SlowDown, then
     * lets them through: a burst of throttling, as S3 gives while it scales a prefix up.
     */
    void answer503ToNext(String requestPart, int count) {
        burst.set(count);
        poisoned = requestPart;
    }

    /** How many 503s of a burst ({@link #answer503ToNext}) are still to be answered. */
    int burstLeft() {
        return burst.get();
    }

    /** Runs {@code action} (then resets that connection) once a connection has sent {@code bytes} to its client. */
    void onceServed(long bytes, Runnable action) {
        trigger.set(new Trigger(bytes, action));
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket listening) {
        Thread thread = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    pump(client, upstream, false);
                    pump(upstream, client, true);
                } catch (IOException e) {
                    // closed, or the server is down: the client sees its connection reset
                }
            }
        }, "s3-relay-accept");
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(Socket from, Socket to, boolean downstream) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    String poison = poisoned;
                    if (!downstream && poison != null
                            && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(poison)
                            && inBurst()) {
                        slowDown(from);
                        return;
                    }
                    Trigger armed = downstream ? trigger.get() : null;
                    if (armed != null && sent + n >= armed.bytes() && trigger.compareAndSet(armed, null)) {
                        out.write(buffer, 0, (int) Math.max(0, armed.bytes() - sent));
                        out.flush();
                        armed.action().run();
                        reset(from);
                        reset(to);
                        return;
                    }
                    out.write(buffer, 0, n);
                    sent += n;
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                quietlyClose(from);
                quietlyClose(to);
            }
        }, "s3-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether a poisoned request gets its 503: always, or while a burst lasts (then counting it). */
    private boolean inBurst() {
        if (burst.get() == 0) {
            return true;
        }
        if (burst.getAndUpdate(n -> Math.max(0, n - 1)) == 1) {
            poisoned = null;
        }
        return true;
    }

    /** Answers the client on {@code client} with a 503 SlowDown and closes the connection. */
    private static void slowDown(Socket client) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                + "<Message>Please reduce your request rate.</Message></Error>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (SocketException ignored) {
            // already closed
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(socket);
    }

    private void quietlyClose(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.remove(socket);
    }

    @Override
    public void close() {
        down();
    }
}
