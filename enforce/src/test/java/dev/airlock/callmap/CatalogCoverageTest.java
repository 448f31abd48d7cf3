package dev.airlock.callmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.catalog.ActionCatalog;
import dev.airlock.catalog.ActionInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every action the mapper's tables can emit is a real IAM action. */
class CatalogCoverageTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    @Test
    void everyTableActionExistsInTheCatalogWithItsExactSpelling() {
        Set<String> actions = CallMapper.tableActions();
        assertThat(actions).hasSizeGreaterThan(100);
        List<String> missing = new ArrayList<>();
        for (String a : actions) {
            ActionInfo info = catalog.lookup(a).orElse(null);
            if (info == null || !info.fullName().equals(a)) {
                missing.add(a);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyS3RowIsReachableAndDistinct() {
        Set<String> keys = new HashSet<>();
        for (S3Operation op : S3Operation.all()) {
            boolean copy = op.special() == S3Operation.Special.COPY_OBJECT
                    || op.special() == S3Operation.Special.UPLOAD_PART_COPY;
            assertThat(keys.add(op.method() + " " + op.target() + " " + op.subresource() + " " + copy))
                    .as("%s is shadowed by an earlier row", op.name()).isTrue();
            assertThat(op.subresource().isEmpty() || S3Operation.SUBRESOURCES.contains(op.subresource()))
                    .as(op.name()).isTrue();
        }
    }

    @Test
    void s3ActionsOnObjectsAndBucketsAcceptTheArnsTheMapperBuilds() {
        for (S3Operation op : S3Operation.all()) {
            String arn = switch (op.target()) {
                case SERVICE -> "*";
                // DeleteObjects is sent to the bucket but authorised per key.
                case BUCKET -> op.special() == S3Operation.Special.DELETE_OBJECTS ? "arn:aws:s3:::b/k" : "arn:aws:s3:::b";
                case OBJECT -> "arn:aws:s3:::b/k";
            };
            for (String action : List.of(op.action())) {
                if (arn.equals("*")) {
                    assertThat(catalog.require(action).resourceTypes()).as(action).isEmpty();
                } else {
                    assertThat(catalog.arnFits(action, arn).fits()).as(action + " on " + arn).isTrue();
                }
            }
            if (op.versionAction().isPresent()) {
                assertThat(catalog.arnFits(op.versionAction().get(), arn).fits()).isTrue();
            }
        }
    }

    @Test
    void theGateRejectsWhatTheCatalogRejects() throws Exception {
        Env env = new Env(Calls.context(), new CredentialScope("AWS4-HMAC-SHA256", "AK", "20250601", "us-east-1",
                "s3", false, java.util.Optional.empty()), catalog, ResourceResolver.none());
        assertThat(catchUnmappable(() -> PartGate.finish(PartDraft.of("s3:GetObjekt", "arn:aws:s3:::b/k"), env)))
                .contains("not in the action catalog");
        assertThat(catchUnmappable(() -> PartGate.finish(PartDraft.of("s3:GetObject", "arn:aws:s3:::b"), env)))
                .contains("is not one");
        assertThat(catchUnmappable(() -> PartGate.finish(PartDraft.of("s3:GetObject", "*"), env)))
                .contains("does not say which");
        IamRequestPart ok = PartGate.finish(PartDraft.of("s3:getobject", "arn:aws:s3:::b/k")
                .key("s3:prefix", "dropped: GetObject has no such key").key("s3:authType", "REST-HEADER"), env);
        assertThat(ok.action()).isEqualTo("s3:GetObject");
        assertThat(ok.conditionKeys()).containsOnlyKeys("s3:authType");
    }

    interface Body {
        Object run() throws Unmappable;
    }

    static String catchUnmappable(Body body) {
        try {
            body.run();
            return "no exception";
        } catch (Unmappable e) {
            return e.getMessage();
        }
    }
}
