package dev.airlock.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server (S3Proxy over a filesystem directory) on 127.0.0.1, checking SigV4 with its
 * own key pair: the upstream the enforcing endpoint forwards to in tests.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    public S3ProxyServer(Path dir) throws Exception {
        this(dir, true);
    }

    /**
     * @param authenticate false accepts any signature (for benchmarks whose clients hold keys S3Proxy
     *     cannot know, such as STS-double sessions); true checks {@link #KEY} and {@link #SECRET}
     */
    public S3ProxyServer(Path dir, boolean authenticate) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(authenticate ? AuthenticationType.AWS_V2_OR_V4 : AuthenticationType.NONE, KEY, SECRET)
                .build();
        proxy.start();
        while (!proxy.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public BlobStore blobStore() {
        return context.getBlobStore();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
