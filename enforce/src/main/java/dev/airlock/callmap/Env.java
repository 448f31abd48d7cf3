package dev.airlock.callmap;

import dev.airlock.catalog.ActionCatalog;

/** Everything a service mapper may consult besides the request. */
record Env(CallContext ctx, CredentialScope scope, ActionCatalog catalog, ResourceResolver resolver) {

    String partition() {
        return ctx.partition();
    }

    String region() {
        return scope.region();
    }

    String account() {
        return ctx.account();
    }

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE} in this call's partition and Region. */
    String arn(String service, String account, String resource) {
        return "arn:" + partition() + ":" + service + ":" + region() + ":" + account + ":" + resource;
    }
}
