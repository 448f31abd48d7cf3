package dev.airlock.policy.condition;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Every IAM condition operator without its {@code ForAllValues:}/{@code ForAnyValue:}/{@code IfExists} decorations. */
public enum BaseOperator {
    STRING_EQUALS("StringEquals", Family.STRING, false),
    STRING_NOT_EQUALS("StringNotEquals", Family.STRING, true),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", Family.STRING_IGNORE_CASE, false),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", Family.STRING_IGNORE_CASE, true),
    STRING_LIKE("StringLike", Family.STRING_LIKE, false),
    STRING_NOT_LIKE("StringNotLike", Family.STRING_LIKE, true),
    NUMERIC_EQUALS("NumericEquals", Family.NUMERIC, false),
    NUMERIC_NOT_EQUALS("NumericNotEquals", Family.NUMERIC, true),
    NUMERIC_LESS_THAN("NumericLessThan", Family.NUMERIC, false),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Family.NUMERIC, false),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Family.NUMERIC, false),
    DATE_EQUALS("DateEquals", Family.DATE, false),
    DATE_NOT_EQUALS("DateNotEquals", Family.DATE, true),
    DATE_LESS_THAN("DateLessThan", Family.DATE, false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Family.DATE, false),
    DATE_GREATER_THAN("DateGreaterThan", Family.DATE, false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Family.DATE, false),
    BOOL("Bool", Family.BOOL, false),
    BINARY_EQUALS("BinaryEquals", Family.BINARY, false),
    IP_ADDRESS("IpAddress", Family.IP, false),
    NOT_IP_ADDRESS("NotIpAddress", Family.IP, true),
    ARN_EQUALS("ArnEquals", Family.ARN, false),
    ARN_LIKE("ArnLike", Family.ARN, false),
    ARN_NOT_EQUALS("ArnNotEquals", Family.ARN, true),
    ARN_NOT_LIKE("ArnNotLike", Family.ARN, true),
    NULL("Null", Family.NULL, false);

    /** How values are read and compared. */
    public enum Family { STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, BOOL, BINARY, IP, ARN, NULL }

    private static final Map<String, BaseOperator> BY_LOWER_NAME = new TreeMap<>();

    static {
        for (BaseOperator op : values()) {
            BY_LOWER_NAME.put(op.awsName.toLowerCase(Locale.ROOT), op);
        }
    }

    private final String awsName;
    private final Family family;
    private final boolean negated;

    BaseOperator(String awsName, Family family, boolean negated) {
        this.awsName = awsName;
        this.family = family;
        this.negated = negated;
    }

    /** Finds an operator by name, ignoring case. */
    public static Optional<BaseOperator> byName(String name) {
        return Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The operator's name as the IAM documentation spells it. */
    public String awsName() {
        return awsName;
    }

    public Family family() {
        return family;
    }

    /**
     * True for the operators that match when the request value does not match ({@code StringNotEquals},
     * {@code NotIpAddress}...): these are also true when the key is absent from the request.
     */
    public boolean negated() {
        return negated;
    }
}
