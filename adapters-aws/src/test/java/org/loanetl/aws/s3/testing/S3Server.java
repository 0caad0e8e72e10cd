package org.loanetl.aws.s3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.loanetl.aws.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server in this JVM: S3Proxy 4 over an in-memory store, signature V4 with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}, reached through a {@link Relay} whose port stays the same when the server is stopped and
 * started again (the objects survive: the store outlives the server).
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "loanetl-test-key";
    public static final String SECRET_KEY = "S3cr3t-must-NEVER-be-printed-7f2c";
    public static final String REGION = "us-east-1";

    private final BlobStore store = new TransientNio2BlobStore();
    private final Relay relay;
    private S3Proxy proxy;
    private S3Client admin;

    private S3Server() throws Exception {
        this.proxy = launch();
        this.relay = new Relay(proxy.getPort());
    }

    /** Starts a server with an empty store. */
    public static S3Server start() {
        try {
            return new S3Server();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    private S3Proxy launch() throws Exception {
        S3Proxy started = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        started.start();
        for (int i = 0; i < 500 && !"STARTED".equals(started.getState()); i++) {
            Thread.sleep(10);
        }
        return started;
    }

    /** The endpoint clients use (the relay). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + relay.port());
    }

    /** Settings that reach this server with the right keys, listing {@code pageSize} keys a page. */
    public S3Settings settings(int pageSize) {
        return new S3Settings(REGION, endpoint(), true, ACCESS_KEY, SECRET_KEY, null, pageSize);
    }

    /** A client for setting up and checking buckets, straight to the server (not through the relay). */
    public synchronized S3Client admin() {
        if (admin == null) {
            admin = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .forcePathStyle(true).region(Region.of(REGION)).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                    .build();
        }
        return admin;
    }

    public void createBucket(String bucket) {
        admin().createBucket(r -> r.bucket(bucket));
    }

    public void put(String bucket, String key, byte[] bytes) {
        admin().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    /** Every key in the bucket, in S3's order. */
    public List<String> keys(String bucket) {
        return admin().listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** The object's bytes, or {@code null} when there is none. */
    public byte[] get(String bucket, String key) {
        try {
            return admin().getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    /** Stops the server: open connections are reset, new ones refused, until {@link #restart()}. */
    public synchronized void stop() {
        relay.down();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }

    /** Starts the server again on the same endpoint, with the same objects. */
    public synchronized void restart() {
        try {
            proxy = launch();
            relay.up(proxy.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart S3Proxy", e);
        }
    }

    /** Answers every read of this key with 503 SlowDown (as an overloaded S3 does) until {@link #answerAll()}. */
    public void answer503ToReadsOf(String bucket, String key) {
        relay.answer503To("GET /" + bucket + "/" + key);
    }

    /** Answers the next {@code count} reads of any key in the bucket with 503 SlowDown, then serves them again. */
    public void answer503ToNextReads(String bucket, int count) {
        relay.answer503ToNext("GET /" + bucket + "/", count);
    }

    /** How many 503s of a burst ({@link #answer503ToNextReads}) S3 still has to give. */
    public int burstLeft() {
        return relay.burstLeft();
    }

    /** Lets every request through again. */
    public void answerAll() {
        relay.answerAll();
    }

    /** Stops the server in the middle of a response, once one connection has sent {@code bytes} to its client. */
    public void stopAfterServing(long bytes) {
        relay.onceServed(bytes, this::stop);
    }

    @Override
    public synchronized void close() {
        relay.close();
        if (admin != null) {
            admin.close();
        }
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // going away
        }
    }
}
