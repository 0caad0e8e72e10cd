package org.loanetl.app.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine, for the failsafe tests: a Master and Workers, each a JVM of its
 * own started from the Spark jars on the test class path (the jars of loan-etl and of its own dependencies left
 * off, as on a cluster), the Master bound to 127.0.0.1, Worker i to 127.0.0.(i+2) (loopback addresses all, so
 * each node has a host of its own). Each Worker offers 1 core and 1 GiB and launches its executors as JVMs
 * of their own ({@code CoarseGrainedExecutorBackend}) in its work dir, as a cluster node does. Spark's launcher
 * needs a Spark home with a {@code jars} folder: one is made of links to those jars. {@link #submit} runs
 * {@code spark-submit} (Spark's {@code SparkSubmit} main, in a JVM of its own, with the flags Spark's launcher adds
 * on Java 17) against the Master. {@link #close} stops every process it started.
 */
public final class SparkStandaloneCluster implements AutoCloseable {

    /** What the job jar bundles, or what a Spark cluster does not have: left off the cluster's class path. */
    private static final List<String> NOT_ON_A_CLUSTER = List.of("/org/loanetl/", "/target/", "/org/postgresql/",
            "/org/jdbi/", "/org/flywaydb/", "/info/picocli/", "/jackson-dataformat-yaml/", "/me/tongfei/", "/org/jline/",
            "/de/siegmar/", "/io/zonky/", "/io/leangen/", "/software/amazon/", "/ch/qos/logback/", "/org/gaul/",
            "/org/junit/", "/org/assertj/", "/com/tngtech/", "/org/opentest4j/", "/tools/jackson/", "/io/openlineage/",
            "/io/prometheus/", "/org/apache/httpcomponents/client5/", "/org/apache/httpcomponents/core5/",
            "/io/micrometer/", "/org/hdrhistogram/", "/com/networknt/");
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final Path sparkHome;
    private final String classPath;
    private final int masterPort;
    private final int masterWebPort;
    private final List<Process> daemons = new ArrayList<>();
    private final List<String> workerUrls = new ArrayList<>();
    private final List<Path> workDirs = new ArrayList<>();

    private SparkStandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        this.classPath = sparkClassPath();
        this.sparkHome = sparkHome(dir.resolve("spark-home"), classPath);
        this.masterPort = freePort();
        this.masterWebPort = freePort();
    }

    /**
     * Starts a Master and {@code workers} Workers (1 core, 1 GiB each) under {@code dir}, and waits until every
     * Worker has registered with the Master.
     */
    public static SparkStandaloneCluster start(Path dir, int workers) throws IOException, InterruptedException {
        SparkStandaloneCluster cluster = new SparkStandaloneCluster(dir);
        try {
            cluster.daemons.add(cluster.daemon("master", "127.0.0.1", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(cluster.masterWebPort)));
            for (int i = 0; i < workers; i++) {
                // each Worker (and so its executors) on an address of its own, as nodes of a cluster are: Spark
                // never runs a speculative copy of a task on the host of the running attempt
                String host = workerHost(i);
                int port = freePort();
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.workerUrls.add("spark://Worker@" + host + ":" + port);
                cluster.workDirs.add(work);
                cluster.daemons.add(cluster.daemon("worker-" + i, host, "org.apache.spark.deploy.worker.Worker",
                        "--host", host, "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()),
                        "--cores", "1", "--memory", "1g", "--work-dir", work.toString(), cluster.masterUrl()));
            }
            cluster.awaitWorkers(workers, Duration.ofSeconds(90));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Workers' work dirs: {@code <app-id>/<executor-id>/stderr} holds each executor's log. */
    public List<Path> workDirs() {
        return List.copyOf(workDirs);
    }

    /** The executor JVMs this cluster's Workers are running now. */
    public List<ProcessHandle> executors() {
        return ProcessHandle.allProcesses().filter(p -> {
            String command = p.info().commandLine().orElse("");
            return command.contains("CoarseGrainedExecutorBackend")
                    && workerUrls.stream().anyMatch(command::contains);
        }).toList();
    }

    /** The executors' logs (stderr) of every application, across the Workers' work dirs. */
    public List<Path> executorLogs() {
        List<Path> logs = new ArrayList<>();
        for (Path work : workDirs) {
            try (Stream<Path> files = Files.walk(work)) {
                files.filter(p -> p.getFileName().toString().equals("stderr") && p.getNameCount() > 2)
                        .forEach(logs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logs;
    }

    /** The Master's status ({@code /json} of its web UI). */
    public String masterStatus() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + masterWebPort + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /**
     * Starts {@code spark-submit --master spark://... sparkArgs... --class org.loanetl.app.Main jar appArgs...} in a
     * JVM of its own, its output going to {@code log}; the database password and {@code env} are in its environment.
     */
    public Process submit(Path jar, Path log, Map<String, String> env, List<String> sparkArgs, String... appArgs)
            throws IOException {
        List<String> command = java("-Xmx512m");
        command.addAll(List.of("-cp", classPath, "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl(),
                "--class", "org.loanetl.app.Main", "--conf", "spark.ui.enabled=false",
                "--driver-memory", "512m", "--executor-memory", "512m", "--conf", "spark.executor.cores=1",
                // the job starts once executors with every Worker's core have registered, so all take tasks (a
                // later --conf spark.cores.max in sparkArgs wins)
                "--conf", "spark.cores.max=" + workerUrls.size(),
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=60s"));
        if (!String.join(" ", sparkArgs).contains("--deploy-mode cluster")) {
            // client mode: the driver is this spark-submit JVM, on 127.0.0.1
            command.addAll(List.of("--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1"));
        }
        command.addAll(sparkArgs);
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(appArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        environment(builder.environment());
        builder.environment().put("LOANETL_NO_PROGRESS", "1");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Stops the Workers (and their executors), then the Master; kills what does not stop in time. */
    @Override
    public void close() {
        List<ProcessHandle> executors = executors();
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process daemon = daemons.get(i);
            daemon.destroy();
            try {
                if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                    daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                daemon.destroyForcibly();
            }
        }
        executors.forEach(ProcessHandle::destroyForcibly);
        executors().forEach(ProcessHandle::destroyForcibly);
    }

    /** A daemon's log. */
    public Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** The address Worker {@code i} and its executors bind to: 127.0.0.2, 127.0.0.3, ... (the driver is on 127.0.0.1). */
    public static String workerHost(int i) {
        return "127.0.0." + (i + 2);
    }

    private Process daemon(String name, String host, String mainClass, String... args) throws IOException {
        List<String> command = java("-Xmx256m");
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile());
        environment(builder.environment());
        builder.environment().put("SPARK_LOCAL_IP", host);
        return builder.start();
    }

    private void environment(Map<String, String> env) {
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("SPARK_SCALA_VERSION", "2.12");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // a Worker runs executors with the same java; keep the machine's settings out
        env.remove("SPARK_CONF_DIR");
        env.remove("HADOOP_CONF_DIR");
        env.remove("JAVA_TOOL_OPTIONS");
    }

    private static List<String> java(String heap) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap));
        Stream.of(System.getProperty("spark.test.argLine", "").split("\\s+")).filter(a -> !a.isBlank())
                .forEach(command::add);
        return command;
    }

    private void awaitWorkers(int workers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher alive = ALIVE_WORKERS.matcher(masterStatus());
            if (alive.find() && Integer.parseInt(alive.group(1)) >= workers) {
                return;
            }
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + daemon.exitValue() + "; see "
                            + dir);
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(workers + " Workers did not register within " + timeout + ": "
                + masterStatus());
    }

    /** Spark, Hadoop and their dependencies from this JVM's class path; nothing of loan-etl's. */
    public static String sparkClassPath() {
        List<String> entries = new ArrayList<>(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> NOT_ON_A_CLUSTER.stream().noneMatch(entry.replace('\\', '/')::contains)).toList());
        log4jBinding(entries).ifPresent(entries::add);
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Spark's SLF4J binding to log4j2, which a Spark distribution has but app leaves out (logback is its binding):
     * without it the daemons and executors log nothing. Taken from the local Maven repository, next to the log4j-core
     * of the class path (adapters-spark's build resolves it).
     */
    private static Optional<String> log4jBinding(List<String> entries) {
        Pattern core = Pattern.compile("(.*)[/\\\\]log4j-core[/\\\\]([^/\\\\]+)[/\\\\]log4j-core-[^/\\\\]+\\.jar");
        for (String entry : entries) {
            Matcher m = core.matcher(entry);
            if (m.matches()) {
                Path binding = Path.of(m.group(1), "log4j-slf4j2-impl", m.group(2),
                        "log4j-slf4j2-impl-" + m.group(2) + ".jar");
                return Files.isRegularFile(binding) ? Optional.of(binding.toString()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A Spark home whose {@code jars} folder links to every jar of the class path, as a Spark distribution has. */
    private static Path sparkHome(Path home, String classPath) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        int i = 0;
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(jar)) {
                Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", i++, jar.getFileName())), jar);
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark (test cluster)\n", StandardCharsets.UTF_8);
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
