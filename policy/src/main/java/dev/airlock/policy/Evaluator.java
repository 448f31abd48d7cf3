package dev.airlock.policy;

import dev.airlock.policy.match.Arn;
import dev.airlock.policy.match.Principal;
import dev.airlock.policy.match.PrincipalMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a request the way AWS does (IAM User Guide, "Policy evaluation logic"): an explicit Deny
 * in any policy wins; every SCP level must allow; RCPs can only deny; within one account an allow
 * from the identity side or from a resource policy naming the caller suffices, across accounts both
 * sides must allow; permissions boundaries and session policies cap the identity side and any
 * resource policy grant that names only the role, not the caller itself. KMS key policies and role
 * trust policies must allow the caller or its account even within the account
 * ({@link ServiceRules}).
 *
 * <p>Stateless and thread-safe; allocates only for the statements that match.
 */
public final class Evaluator {

    private Evaluator() {}

    public static Decision evaluate(PolicySet policies, Request request) {
        Scope scope = Scope.of(request);
        Optional<String> unconditional = ServiceRules.needsNoPermission(scope.action);
        if (unconditional.isPresent()) {
            return new Decision(Outcome.ALLOWED, List.of(), List.of(), unconditional);
        }
        Findings f = new Findings();
        boolean servicePrincipal = scope.principal.service();

        if (!servicePrincipal) {
            for (int level = 0; level < policies.scps().size(); level++) {
                if (!f.scan(Layer.SCP, level, policies.scps().get(level), scope)) {
                    f.missing(new MissingAllow(Layer.SCP, level, "no service control policy at organisation level "
                            + level + " allows the action"));
                }
            }
        }
        if (RcpServices.applies(scope.service)) {
            for (int level = 0; level < policies.rcps().size(); level++) {
                f.scan(Layer.RCP, level, policies.rcps().get(level), scope);
            }
        }
        boolean identityAllows = f.scan(Layer.IDENTITY, 0, policies.identityPolicies(), scope);
        boolean boundaryAttached = policies.permissionsBoundary().isPresent();
        PrincipalMatch resourceGrant = policies.resourcePolicy().map(p -> f.scanResource(p, scope, boundaryAttached))
                .orElse(PrincipalMatch.NONE);
        boolean boundaryAllows = policies.permissionsBoundary().map(p -> f.scan(Layer.PERMISSIONS_BOUNDARY, 0,
                List.of(p), scope)).orElse(true);
        boolean sessionAllows = policies.sessionPolicy().map(p -> f.scan(Layer.SESSION, 0, List.of(p), scope))
                .orElse(true);

        if (!f.denies.isEmpty()) {
            return new Decision(Outcome.EXPLICITLY_DENIED, f.denies, List.of());
        }
        if (!f.missing.isEmpty()) {
            return new Decision(Outcome.IMPLICITLY_DENIED, List.of(), f.missing);
        }
        Grant grant = servicePrincipal
                ? new Grant(false, resourceGrant.compareTo(PrincipalMatch.ANY) >= 0)
                : grant(scope, policies, identityAllows, resourceGrant, boundaryAllows, sessionAllows);
        if (grant.viaIdentity || grant.viaResource) {
            List<StatementRef> why = new ArrayList<>();
            if (grant.viaIdentity) {
                why.addAll(f.allows(Layer.IDENTITY));
            }
            if (grant.viaResource) {
                why.addAll(f.allows(Layer.RESOURCE));
            }
            return new Decision(Outcome.ALLOWED, why, List.of());
        }
        return new Decision(Outcome.IMPLICITLY_DENIED, List.of(),
                explainMissing(scope, policies, identityAllows, resourceGrant, boundaryAllows, sessionAllows));
    }

    /** Which side grants the request, once no Deny and no SCP stands in the way. */
    private record Grant(boolean viaIdentity, boolean viaResource) {}

    private static Grant grant(Scope scope, PolicySet policies, boolean identityAllows, PrincipalMatch resourceGrant,
            boolean boundaryAllows, boolean sessionAllows) {
        boolean identity = identityAllows && boundaryAllows && sessionAllows;
        if (!scope.sameAccount) {
            // Cross-account: the resource policy must trust the caller (or its account) and the
            // caller's own policies must allow, each capped as usual.
            boolean trusted = resourceGrant != PrincipalMatch.NONE;
            return new Grant(identity && trusted, identity && trusted);
        }
        // A key policy or trust policy that names the caller's account delegates to its identity
        // policies, which must then allow too; one that names nobody leaves them without effect.
        boolean gated = scope.gatekeeper.isPresent() && resourceGrant == PrincipalMatch.NONE;
        // Same account: naming only the account is trust, not a grant.
        boolean named = resourceGrant.compareTo(PrincipalMatch.ROLE) >= 0;
        // A grant to the caller's own ARN (or to everyone) is not capped by a permissions boundary;
        // a grant to the role behind a session is.
        boolean pastBoundary = boundaryAllows || resourceGrant.compareTo(PrincipalMatch.ANY) >= 0;
        // Only a grant that names the session itself escapes the session policy.
        boolean pastSession = sessionAllows
                || (resourceGrant == PrincipalMatch.EXACT && policies.sessionPolicy().isPresent());
        return new Grant(identity && !gated, named && pastBoundary && pastSession);
    }

    private static List<MissingAllow> explainMissing(Scope scope, PolicySet policies, boolean identityAllows,
            PrincipalMatch resourceGrant, boolean boundaryAllows, boolean sessionAllows) {
        List<MissingAllow> out = new ArrayList<>();
        if (scope.principal.service()) {
            out.add(new MissingAllow(Layer.RESOURCE, 0, "service principals are allowed only by a resource policy "
                    + "that names them"));
            return out;
        }
        if (!identityAllows) {
            out.add(new MissingAllow(Layer.IDENTITY, 0, "no identity policy allows the action on the resource"));
        }
        if (scope.gatekeeper.isPresent() && resourceGrant == PrincipalMatch.NONE) {
            String gate = scope.gatekeeper.get().description();
            out.add(new MissingAllow(Layer.RESOURCE, 0, policies.resourcePolicy().isPresent()
                    ? gate + " allows neither this principal nor its account; it must, even within the account"
                    : "no resource policy was given for " + gate + ", which must allow this principal or its "
                            + "account"));
        } else if (!scope.sameAccount && resourceGrant == PrincipalMatch.NONE) {
            out.add(new MissingAllow(Layer.RESOURCE, 0, policies.resourcePolicy().isPresent()
                    ? "the resource policy does not allow this principal; cross-account access needs both sides"
                    : "the resource is in account " + scope.resourceAccount + " and has no resource policy; "
                            + "cross-account access needs one"));
        }
        if (!boundaryAllows) {
            out.add(new MissingAllow(Layer.PERMISSIONS_BOUNDARY, 0, "the permissions boundary does not allow it"));
        }
        if (!sessionAllows) {
            out.add(new MissingAllow(Layer.SESSION, 0, "the session policy does not allow it"));
        }
        return out;
    }

    /** The request, normalised once: lower-cased action, parsed ARN and principal, owning account. */
    static final class Scope {
        final Request request;
        final String action;
        final String service;
        final Optional<Arn> arn;
        final Principal principal;
        final String resourceAccount;
        final boolean sameAccount;
        final Optional<ServiceRules.Gatekeeper> gatekeeper;

        private Scope(Request request, String action, Optional<Arn> arn, Principal principal, String resourceAccount) {
            this.request = request;
            this.action = action;
            int colon = action.indexOf(':');
            this.service = colon < 0 ? action : action.substring(0, colon);
            this.arn = arn;
            this.principal = principal;
            this.resourceAccount = resourceAccount;
            this.sameAccount = principal.account().map(resourceAccount::equals).orElse(false);
            this.gatekeeper = ServiceRules.gatekeeper(service, arn);
        }

        static Scope of(Request r) {
            Optional<Arn> arn = Arn.parse(r.resource());
            Principal principal = Principal.parse(r.principal());
            String account = r.resourceAccount()
                    .or(() -> arn.map(Arn::account).filter(a -> !a.isEmpty()))
                    .or(principal::account)
                    .orElse("");
            return new Scope(r, r.action().toLowerCase(Locale.ROOT), arn, principal, account);
        }
    }

    /** Matching statements collected while scanning the layers. */
    private static final class Findings {
        final List<StatementRef> denies = new ArrayList<>(0);
        final List<MissingAllow> missing = new ArrayList<>(0);
        private final List<StatementRef> allows = new ArrayList<>(2);

        void missing(MissingAllow m) {
            missing.add(m);
        }

        List<StatementRef> allows(Layer layer) {
            return allows.stream().filter(a -> a.layer() == layer).toList();
        }

        /** Scans identity-side policies; true when some Allow statement matches. */
        boolean scan(Layer layer, int level, List<Policy> policies, Scope scope) {
            boolean allowed = false;
            for (Policy p : policies) {
                for (Statement s : p.statements()) {
                    if (!applies(s, scope)) {
                        continue;
                    }
                    if (layer == Layer.RCP && s.principals().isPresent()
                            && s.principals().get().match(scope.principal) == PrincipalMatch.NONE) {
                        continue;
                    }
                    if (s.effect() == Effect.DENY) {
                        denies.add(StatementRef.of(layer, level, p, s));
                    } else {
                        allowed = true;
                        if (layer == Layer.IDENTITY) {
                            allows.add(StatementRef.of(layer, level, p, s));
                        }
                    }
                }
            }
            return allowed;
        }

        /** Scans the resource policy; returns how its matching Allow statements name the caller. */
        PrincipalMatch scanResource(Policy p, Scope scope, boolean boundaryAttached) {
            PrincipalMatch best = PrincipalMatch.NONE;
            for (Statement s : p.statements()) {
                PrincipalMatch m = names(s, scope, boundaryAttached);
                if (m == PrincipalMatch.NONE || !applies(s, scope)) {
                    continue;
                }
                if (s.effect() == Effect.DENY) {
                    denies.add(StatementRef.of(Layer.RESOURCE, 0, p, s));
                } else {
                    best = best.best(m);
                    allows.add(StatementRef.of(Layer.RESOURCE, 0, p, s));
                }
            }
            return best;
        }

        /**
         * How a resource policy statement names the caller. A Deny with NotPrincipal names every IAM
         * principal that has a permissions boundary, whatever NotPrincipal lists (IAM User Guide,
         * "AWS JSON policy elements: NotPrincipal", Key points).
         */
        private static PrincipalMatch names(Statement s, Scope scope, boolean boundaryAttached) {
            if (s.principals().isEmpty()) {
                return PrincipalMatch.NONE;
            }
            PrincipalSet principals = s.principals().get();
            if (boundaryAttached && principals.negated() && s.effect() == Effect.DENY && !scope.principal.service()) {
                return PrincipalMatch.ANY;
            }
            return principals.match(scope.principal);
        }

        private static boolean applies(Statement s, Scope scope) {
            RequestContext ctx = scope.request.context();
            return s.actions().matchesLowerCase(scope.action)
                    && s.resources().matches(scope.arn, scope.request.resource(), ctx)
                    && s.conditions().test(ctx);
        }
    }
}
