package org.loanetl.aws.emr.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * EMR's JSON API on {@code http://127.0.0.1:<port>/} (a {@link HttpServer}): every request must be a signed
 * {@code POST /} of {@code application/x-amz-json-1.1} with {@code X-Amz-Target: ElasticMapReduce.<Operation>}; each
 * is recorded with its parsed body, and answered from a script per operation (the last answer repeats), else with a
 * default: a cluster {@link #CLUSTER_ID} that is WAITING, a step {@link #STEP_ID} that COMPLETED.
 */
public final class FakeEmr implements AutoCloseable {

    public static final String CLUSTER_ID = "j-1TESTCLUSTER";
    public static final String STEP_ID = "s-1TESTSTEP";
    public static final String LOG_URI = "s3n://loan-logs/emr/";

    /** An answer: an HTTP status and a JSON body. */
    public record Answer(int status, String json) {
    }

    /** One call as received: the operation (from X-Amz-Target) and its JSON body. */
    public record Call(String operation, JsonNode body) {

        /** The node at a path such as {@code Instances.InstanceGroups[0].InstanceType}, or {@code null}. */
        public JsonNode at(String path) {
            JsonNode node = body;
            Matcher m = Pattern.compile("([A-Za-z0-9]+)((?:\\[\\d+])*)").matcher("");
            for (String part : path.split("\\.")) {
                if (!m.reset(part).matches() || node == null || !node.isObject()) {
                    return null;
                }
                node = node.field(m.group(1)).orElse(null);
                Matcher index = Pattern.compile("\\[(\\d+)]").matcher(m.group(2));
                while (node != null && index.find()) {
                    node = node.isArray() ? node.index(Integer.parseInt(index.group(1))).orElse(null) : null;
                }
            }
            return node;
        }

        /** The text (string, number or boolean) at a path, or {@code null} when absent. */
        public String text(String path) {
            JsonNode node = at(path);
            return node == null || node.isNull() ? null : node.isString() ? node.asString() : node.text();
        }

        /** The strings of the array at a path. */
        public List<String> strings(String path) {
            JsonNode node = at(path);
            return node == null ? List.of() : node.asArray().stream().map(JsonNode::asString).toList();
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Deque<Answer>> script = new HashMap<>();

    private FakeEmr() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeEmr start() {
        try {
            return new FakeEmr();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake EMR endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the operation's next calls with these, in order; the last one repeats. */
    public synchronized FakeEmr answer(String operation, Answer... answers) {
        script.put(operation, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    /** Forgets the calls, problems and script. */
    public synchronized void reset() {
        calls.clear();
        problems.clear();
        script.clear();
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The operations called, in order. */
    public synchronized List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    /** The calls of one operation. */
    public synchronized List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** The one call of this operation (fails when there were none or several). */
    public synchronized Call only(String operation) {
        List<Call> of = calls(operation);
        if (of.size() != 1) {
            throw new AssertionError("expected one " + operation + " call, got " + of.size() + ": " + operations());
        }
        return of.get(0);
    }

    /** Requests that broke EMR's wire format (wrong method, path, content type, target, or no signature). */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.startsWith("ElasticMapReduce.") ? target.substring("ElasticMapReduce.".length()) : target;
        Answer answer;
        synchronized (this) {
            check(exchange, target);
            calls.add(new Call(operation, JsonNode.parser().parse(body.isEmpty() ? "{}" : body)));
            Deque<Answer> queued = script.get(operation);
            answer = queued == null || queued.isEmpty() ? defaultAnswer(operation)
                    : queued.size() == 1 ? queued.peek() : queued.poll();
        }
        byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void check(HttpExchange exchange, String target) {
        String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
            problems.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": not POST /");
        }
        if (!type.startsWith("application/x-amz-json-1.1")) {
            problems.add(target + ": Content-Type " + type);
        }
        if (!target.startsWith("ElasticMapReduce.")) {
            problems.add("X-Amz-Target " + target);
        }
        if (!auth.startsWith("AWS4-HMAC-SHA256 Credential=") || !auth.contains("/elasticmapreduce/aws4_request")) {
            problems.add(target + ": not signed for elasticmapreduce: " + auth.replaceAll("Signature=\\w+", "Signature=..."));
        }
    }

    private static Answer defaultAnswer(String operation) {
        return switch (operation) {
            case "RunJobFlow" -> ok("{\"JobFlowId\":\"" + CLUSTER_ID + "\",\"ClusterArn\":"
                    + "\"arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/" + CLUSTER_ID + "\"}");
            case "AddJobFlowSteps" -> ok("{\"StepIds\":[\"" + STEP_ID + "\"]}");
            case "DescribeCluster" -> cluster("WAITING", "", "Cluster ready to run steps.");
            case "DescribeStep" -> step("COMPLETED");
            case "ListSteps" -> steps(stepJson(STEP_ID, "COMPLETED", null));
            case "TerminateJobFlows" -> ok("{}");
            default -> error(400, "UnknownOperationException", "no such operation: " + operation);
        };
    }

    public static Answer ok(String json) {
        return new Answer(200, json);
    }

    /** A DescribeCluster answer for {@link #CLUSTER_ID} (logs under {@link #LOG_URI}); empty code: none. */
    public static Answer cluster(String state, String code, String message) {
        String reason = code.isEmpty() && message == null ? "{}"
                : "{" + (code.isEmpty() ? "" : "\"Code\":\"" + code + "\",") + "\"Message\":\"" + message + "\"}";
        return ok("{\"Cluster\":{\"Id\":\"" + CLUSTER_ID + "\",\"Name\":\"nightly\",\"ReleaseLabel\":\"emr-7.13.0\","
                + "\"LogUri\":\"" + LOG_URI + "\",\"MasterPublicDnsName\":\"ec2-1-2-3-4.compute-1.amazonaws.com\","
                + "\"Status\":{\"State\":\"" + state + "\",\"StateChangeReason\":" + reason + "}}}");
    }

    /** A DescribeStep answer for {@link #STEP_ID}. */
    public static Answer step(String state) {
        return ok("{\"Step\":" + stepJson(STEP_ID, state, null) + "}");
    }

    /** A DescribeStep answer for {@link #STEP_ID} that FAILED with these details. */
    public static Answer failedStep(String reason, String message, String logFile) {
        return ok("{\"Step\":" + stepJson(STEP_ID, "FAILED", failure(reason, message, logFile)) + "}");
    }

    /** A ListSteps answer of these steps ({@link #stepJson}). */
    public static Answer steps(String... steps) {
        return ok("{\"Steps\":[" + String.join(",", steps) + "]}");
    }

    /** A step as EMR writes it; {@code failureJson} from {@link #failure}, or {@code null}. */
    public static String stepJson(String id, String state, String failureJson) {
        return "{\"Id\":\"" + id + "\",\"Name\":\"loan-etl load\",\"ActionOnFailure\":\"CONTINUE\","
                + "\"Status\":{\"State\":\"" + state + "\"" + (failureJson == null ? "" : ",\"FailureDetails\":" + failureJson) + "}}";
    }

    public static String failure(String reason, String message, String logFile) {
        return "{\"Reason\":\"" + reason + "\",\"Message\":\"" + message + "\",\"LogFile\":\"" + logFile + "\"}";
    }

    /** An error as EMR sends it: the type in {@code __type}. */
    public static Answer error(int status, String type, String message) {
        return new Answer(status, "{\"__type\":\"" + type + "\",\"Message\":\"" + message + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
