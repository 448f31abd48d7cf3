package dev.airlock.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the catalog resource written by {@code tools/catalog/generate.mjs} (the layout is
 * documented there). A hand-rolled binary format rather than JSON because it loads several times
 * faster on a cold JVM and lets every distinct string and list be built exactly once.
 */
final class CatalogReader {

    private static final byte[] MAGIC = "ALCAT".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;

    private final byte[] data;
    private int pos;
    private String[] strings;
    private List<String>[] lists;

    private CatalogReader(byte[] data) {
        this.data = data;
    }

    /** Reads a gzipped catalog; the stream is closed. */
    static List<ServiceInfo> read(InputStream gzipped) throws IOException {
        byte[] data;
        try (InputStream in = new GZIPInputStream(gzipped, 1 << 16)) {
            data = in.readAllBytes();
        }
        try {
            return new CatalogReader(data).services();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IOException("catalog resource is truncated or corrupt", e);
        }
    }

    private List<ServiceInfo> services() throws IOException {
        header();
        strings = readStrings();
        lists = readLists();
        int count = varint();
        List<ServiceInfo> services = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            services.add(service());
        }
        if (pos != data.length) {
            throw new IOException("trailing bytes in catalog resource");
        }
        return List.copyOf(services);
    }

    private void header() throws IOException {
        for (byte b : MAGIC) {
            if (data[pos++] != b) {
                throw new IOException("not an Airlock catalog resource");
            }
        }
        int version = data[pos++];
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported catalog format " + version + ", expected " + FORMAT_VERSION);
        }
    }

    private String[] readStrings() {
        String[] out = new String[varint()];
        for (int i = 0; i < out.length; i++) {
            int length = varint();
            out[i] = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<String>[] readLists() {
        List<String>[] out = new List[varint()];
        for (int i = 0; i < out.length; i++) {
            String[] items = new String[varint()];
            for (int j = 0; j < items.length; j++) {
                items[j] = str();
            }
            out[i] = List.of(items);
        }
        return out;
    }

    private ServiceInfo service() {
        String prefix = str();
        String name = str();

        ConditionKey[] keys = new ConditionKey[varint()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new ConditionKey(str(), str());
        }

        ResourceType[] types = new ResourceType[varint()];
        for (int i = 0; i < types.length; i++) {
            types[i] = new ResourceType(prefix, str(), list(), list());
        }

        ActionInfo[] actions = new ActionInfo[varint()];
        for (int i = 0; i < actions.length; i++) {
            String actionName = str();
            int levels = data[pos++];
            List<String> conditionKeys = list();
            ActionResource[] resources = new ActionResource[varint()];
            for (int j = 0; j < resources.length; j++) {
                ResourceType type = types[varint()];
                boolean required = data[pos++] != 0;
                resources[j] = new ActionResource(type, required, list());
            }
            actions[i] = new ActionInfo(
                    prefix, actionName, AccessLevel.setOf(levels), List.of(resources), conditionKeys);
        }
        return new ServiceInfo(prefix, name, List.of(actions), List.of(types), List.of(keys));
    }

    private String str() {
        return strings[varint()];
    }

    private List<String> list() {
        return lists[varint()];
    }

    private int varint() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = data[pos++];
            result |= (b & 0x7f) << shift;
            if (b >= 0) {
                return result;
            }
        }
    }
}
