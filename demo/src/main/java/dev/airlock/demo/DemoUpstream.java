package dev.airlock.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/** S3Proxy over a temporary directory: the demo's stand-in for Amazon S3, with its own key pair. */
final class DemoUpstream implements AutoCloseable {

    /** AWS's documented example key pair, used here as the S3 store's (the broker's) credentials. */
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String BUCKET = "acme-reports";

    private final S3Proxy proxy;
    private final BlobStoreContext context;

    DemoUpstream(Path dir) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(props).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, BUCKET);
        put("reports/q1.csv", "region,revenue\neu,4200\nus,5100\n");
        put("reports/q2.csv", "region,revenue\neu,4600\nus,5350\n");
        put("secret/payroll.csv", "name,salary\nalice,redacted\n");
    }

    private void put(String key, String text) {
        BlobStore store = context.getBlobStore();
        store.putBlob(BUCKET, store.blobBuilder(key).payload(text).build());
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    boolean exists(String key) {
        return context.getBlobStore().blobExists(BUCKET, key);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
