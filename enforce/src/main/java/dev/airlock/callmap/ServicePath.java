package dev.airlock.callmap;

/**
 * The path of a call to a service other than S3, decoded segment by segment and encoded again.
 * Such services normalise paths before routing them ({@code .}, {@code ..} and empty segments), so
 * those segments are refused rather than left to a second reading.
 */
final class ServicePath {

    private ServicePath() {}

    static String rebuild(String rawPath) throws Unmappable {
        if (rawPath.equals("/")) {
            return rawPath;
        }
        if (!rawPath.startsWith("/")) {
            throw new Unmappable("the request path does not start with '/'");
        }
        String[] segments = rawPath.substring(1).split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            String decoded = Percent.decode(segments[i], false, false);
            boolean last = i == segments.length - 1;
            if (decoded.equals(".") || decoded.equals("..") || (decoded.isEmpty() && !last)) {
                throw new Unmappable("the request path " + rawPath + " has a '" + decoded + "' segment, which the "
                        + "service would normalise away");
            }
            out.append('/').append(Percent.encodeComponent(decoded));
        }
        return out.toString();
    }
}
