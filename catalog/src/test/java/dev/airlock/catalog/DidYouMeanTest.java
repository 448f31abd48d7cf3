package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private final ActionCatalog catalog = ActionCatalog.builtIn();

    private DidYouMean unknown(String action) {
        UnknownActionException e = catchThrowableOfType(UnknownActionException.class, () -> catalog.require(action));
        assertThat(e).as(action).isNotNull();
        return e.didYouMean();
    }

    @Test
    void requireReturnsKnownActions() {
        assertThat(catalog.require("s3:getobject").fullName()).isEqualTo("s3:GetObject");
    }

    @Test
    void misspelledActionSuggestsTheClosestInTheSameService() {
        DidYouMean hint = unknown("s3:GetObjekt");
        assertThat(hint.reason()).isEqualTo(DidYouMean.Reason.UNKNOWN_ACTION);
        assertThat(hint.actions()).first().isEqualTo("s3:GetObject");
        assertThat(hint.actions()).allSatisfy(a -> assertThat(a).startsWith("s3:"));
        assertThat(hint.service()).isEmpty();
        assertThat(hint.message()).contains("s3:GetObjekt").contains("did you mean s3:GetObject");
    }

    @Test
    void transposedLettersCountAsOneEdit() {
        assertThat(unknown("s3:GetObjcet").actions()).first().isEqualTo("s3:GetObject");
        assertThat(unknown("iam:PasRole").actions()).first().isEqualTo("iam:PassRole");
    }

    @Test
    void unknownServiceSuggestsTheClosestPrefix() {
        DidYouMean hint = unknown("s4:GetObject");
        assertThat(hint.reason()).isEqualTo(DidYouMean.Reason.UNKNOWN_SERVICE);
        assertThat(hint.service()).contains("s3");
        assertThat(hint.actions()).containsExactly("s3:GetObject");

        assertThat(unknown("lamda:InvokeFunction").service()).contains("lambda");
        assertThat(unknown("dynamodbb:GetItem").actions()).containsExactly("dynamodb:GetItem");
    }

    @Test
    void amongEquallyCloseServicesPreferTheOneWithTheAction() {
        // "ec" is one edit from ec2, ecr, ecs and es; only ec2 has DescribeInstances.
        assertThat(unknown("ec:DescribeInstances").service()).contains("ec2");
    }

    @Test
    void missingPrefixSuggestsServicesWithThatAction() {
        DidYouMean hint = unknown("PassRole");
        assertThat(hint.reason()).isEqualTo(DidYouMean.Reason.MALFORMED);
        assertThat(hint.actions()).contains("iam:PassRole");
    }

    @Test
    void actionOfAnotherServiceIsPointedOut() {
        assertThat(unknown("s3:PassRole").actions()).contains("iam:PassRole");
    }

    @Test
    void hopelessInputGetsNoSuggestions() {
        DidYouMean hint = unknown("zzzzzzzzzz:Qqqqqqqqqqqq");
        assertThat(hint.service()).isEmpty();
        assertThat(hint.actions()).isEmpty();
        assertThat(hint.message()).isEqualTo("unknown service in 'zzzzzzzzzz:Qqqqqqqqqqqq'");
    }

    @Test
    void editDistance() {
        assertThat(EditDistance.between("getobject", "getobject")).isZero();
        assertThat(EditDistance.between("getobjekt", "getobject")).isEqualTo(1);
        assertThat(EditDistance.between("getobjcet", "getobject")).isEqualTo(1);
        assertThat(EditDistance.between("", "abc")).isEqualTo(3);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
    }
}
