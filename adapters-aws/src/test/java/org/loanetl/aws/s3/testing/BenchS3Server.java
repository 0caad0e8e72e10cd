package org.loanetl.aws.s3.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy for the benchmarks (bench/s3proxy.sh): {@code BenchS3Server PORT BUCKET DIR...} serves an in-memory store on
 * 127.0.0.1:PORT with {@link S3Server}'s keys, puts every file under each DIR into BUCKET as {@code <DIR's name>/<its
 * path in DIR>}, prints {@code ready}, and serves until its standard input closes. No relay: the benchmarks measure
 * loan-etl, not a proxy in front of the proxy.
 */
public final class BenchS3Server {

    private BenchS3Server() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String bucket = args[1];
        S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3Server.ACCESS_KEY, S3Server.SECRET_KEY).build();
        proxy.start();
        for (int i = 0; i < 1000 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .forcePathStyle(true).region(Region.of(S3Server.REGION)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.ACCESS_KEY, S3Server.SECRET_KEY)))
                .build()) {
            s3.createBucket(r -> r.bucket(bucket));
            for (int i = 2; i < args.length; i++) {
                Path dir = Path.of(args[i]);
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String key = dir.getFileName() + "/" + dir.relativize(file).toString().replace('\\', '/');
                        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromFile(file));
                    }
                }
            }
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        proxy.stop();
    }
}
