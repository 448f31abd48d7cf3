package dev.airlock.callmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * EC2 (Query protocol): instance state changes name their instances as {@code InstanceId.N}; each
 * is a part on {@code arn:...:ec2:REGION:ACCOUNT:instance/ID}. Describe calls are authorised on
 * {@code *} by the generic mapping. Other EC2 operations that act on resources are refused.
 */
final class Ec2Mapper implements ServiceMapper {

    private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8}(?:[0-9a-f]{9})?");
    private static final Set<String> BY_INSTANCE = Set.of("StartInstances", "StopInstances", "TerminateInstances",
            "RebootInstances");

    @Override
    public Set<String> actions() {
        return Set.of("ec2:StartInstances", "ec2:StopInstances", "ec2:TerminateInstances", "ec2:RebootInstances",
                "ec2:DescribeInstances");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        if (!BY_INSTANCE.contains(op)) {
            if (op.startsWith("Describe")) {
                PartDraft d = RpcMapper.generic("ec2", call);
                d.key("ec2:Region", env.region()).handles("ec2:Region");
                return Optional.of(List.of(d));
            }
            return Optional.empty();
        }
        List<String> ids = call.args().strings("InstanceId");
        if (ids.isEmpty()) {
            throw new Unmappable(op + " without InstanceId.N");
        }
        List<PartDraft> parts = new ArrayList<>();
        for (String id : ids) {
            if (!INSTANCE.matcher(id).matches()) {
                throw new Unmappable("malformed instance id " + id);
            }
            PartDraft d = PartDraft.of("ec2:" + op, env.arn("ec2", env.account(), "instance/" + id));
            d.key("ec2:Region", env.region()).key("ec2:InstanceID", id).handles("ec2:Region", "ec2:InstanceID");
            parts.add(d);
        }
        return Optional.of(parts);
    }
}
