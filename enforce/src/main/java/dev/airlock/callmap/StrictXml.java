package dev.airlock.callmap;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The S3 request bodies the mapper reads (a delete list, a tag set, a retention setting), parsed
 * against their shape so that no second parser can read them differently, and written again in
 * one canonical form for the upstream.
 *
 * <p>Refused as malformed: DTDs and entity references, comments and processing instructions,
 * attributes, elements outside S3's namespace, an element the shape does not allow where it stands
 * (unknown, or repeated beyond its count), text beside child elements (mixed content), child
 * elements inside a text element, anything after the root, XML other than 1.0 in UTF-8. A text
 * element keeps its text exactly ({@link Shape#exactText}, for keys and tag values) or without
 * surrounding white space; the canonical form writes the text as it was read, so the upstream reads
 * the very values the policy engine evaluated.
 */
final class StrictXml {

    static final String S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    static final int MAX_ELEMENTS = 20_000;
    static final int MAX_DEPTH = 16;

    private StrictXml() {}

    /**
     * What one element may hold: text ({@code text}), or the children listed (each with its count),
     * or, with {@code anyChildren}, any tree of elements that are each either text or containers.
     */
    record Shape(String name, boolean text, boolean exactText, List<Child> children, boolean anyChildren) {

        Optional<Child> child(String childName) {
            for (Child c : children) {
                if (c.shape().name().equals(childName)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** A child element's shape and how often it may occur. */
    record Child(Shape shape, int min, int max) {}

    /** A text element whose surrounding white space does not count. */
    static Shape text(String name) {
        return new Shape(name, true, false, List.of(), false);
    }

    /** A text element whose text counts exactly (S3 keys may start or end with spaces). */
    static Shape exactText(String name) {
        return new Shape(name, true, true, List.of(), false);
    }

    static Shape element(String name, Child... children) {
        return new Shape(name, false, false, List.of(children), false);
    }

    /** An element whose content the mapper does not read but the upstream does: any well-formed tree. */
    static Shape anyTree(String name) {
        return new Shape(name, false, false, List.of(), true);
    }

    static Child one(Shape s) {
        return new Child(s, 1, 1);
    }

    static Child optional(Shape s) {
        return new Child(s, 0, 1);
    }

    static Child many(Shape s, int min, int max) {
        return new Child(s, min, max);
    }

    /** One parsed element: its text (text elements) or its children (containers). */
    record Element(String name, String text, List<Element> children) {

        List<Element> all(String childName) {
            List<Element> out = new ArrayList<>();
            for (Element c : children) {
                if (c.name.equals(childName)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** The single child of that name (its shape allows at most one). */
        Optional<Element> one(String childName) {
            List<Element> found = all(childName);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }

        /** The text of the single child of that name, as the shape keeps it. */
        Optional<String> text(String childName) {
            return one(childName).map(Element::text);
        }
    }

    /** A parsed document: its root, and whether it was in S3's namespace. */
    record Document(Element root, boolean namespaced) {

        /** The canonical form: UTF-8, no declarations beyond the namespace, texts escaped. */
        byte[] bytes() {
            StringBuilder out = new StringBuilder(256);
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            write(out, root, namespaced);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        private static void write(StringBuilder out, Element e, boolean declareNamespace) {
            out.append('<').append(e.name());
            if (declareNamespace) {
                out.append(" xmlns=\"").append(S3_NAMESPACE).append('"');
            }
            out.append('>');
            if (e.children().isEmpty()) {
                escape(out, e.text());
            } else {
                for (Element c : e.children()) {
                    write(out, c, false);
                }
            }
            out.append("</").append(e.name()).append('>');
        }

        private static void escape(StringBuilder out, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    // A raw CR would reach the upstream's parser as LF (XML end-of-line handling).
                    case '\r' -> out.append("&#13;");
                    default -> out.append(c);
                }
            }
        }
    }

    static Document parse(byte[] body, Shape rootShape) throws Unmappable {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = null;
        try {
            Percent.utf8(body);
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body), "UTF-8");
            return read(reader, rootShape);
        } catch (XMLStreamException e) {
            throw new Unmappable("malformed XML body: " + e.getMessage());
        } finally {
            close(reader);
        }
    }

    /** An element being read. */
    private static final class Open {
        final Shape shape;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();
        final Map<String, Integer> counts = new LinkedHashMap<>();

        Open(Shape shape) {
            this.shape = shape;
        }
    }

    private static Document read(XMLStreamReader reader, Shape rootShape) throws XMLStreamException, Unmappable {
        String version = reader.getVersion();
        if (version != null && !version.equals("1.0")) {
            throw new Unmappable("XML version " + version + " is not accepted (only 1.0)");
        }
        String encoding = reader.getCharacterEncodingScheme();
        if (encoding != null && !encoding.equalsIgnoreCase("UTF-8")) {
            throw new Unmappable("the XML body declares encoding " + encoding + "; only UTF-8 is accepted");
        }
        Deque<Open> stack = new ArrayDeque<>();
        Element root = null;
        boolean namespaced = false;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (root != null) {
                        throw new Unmappable("content after the XML document's root element");
                    }
                    if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
                        throw new Unmappable("the XML body is too large or too deep");
                    }
                    boolean inS3 = namespace(reader);
                    if (stack.isEmpty()) {
                        namespaced = inS3;
                    }
                    stack.push(new Open(start(reader, stack.peek(), rootShape)));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        characters(stack.peek(), reader.getText());
                    } else if (!reader.getText().isBlank()) {
                        throw new Unmappable("text outside the XML document's root element");
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Element done = end(stack.pop());
                    if (stack.isEmpty()) {
                        root = done;
                    } else {
                        stack.peek().children.add(done);
                    }
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                    throw new Unmappable("the XML body uses a DTD or entity references");
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION ->
                    throw new Unmappable("the XML body holds a comment or processing instruction");
                default -> {
                    // the document's end
                }
            }
        }
        if (root == null) {
            throw new Unmappable("the XML body is empty");
        }
        return new Document(root, namespaced);
    }

    /** Whether the element is in S3's namespace; any other namespace, and any attribute, is refused. */
    private static boolean namespace(XMLStreamReader reader) throws Unmappable {
        if (reader.getAttributeCount() > 0) {
            throw new Unmappable("element " + reader.getLocalName() + " has attributes");
        }
        String ns = reader.getNamespaceURI();
        if (ns != null && !ns.isEmpty() && !ns.equals(S3_NAMESPACE)) {
            throw new Unmappable("element " + reader.getLocalName() + " is in namespace " + ns + ", not S3's");
        }
        return ns != null && ns.equals(S3_NAMESPACE);
    }

    private static Shape start(XMLStreamReader reader, Open parent, Shape rootShape) throws Unmappable {
        String name = reader.getLocalName();
        if (parent == null) {
            if (!name.equals(rootShape.name())) {
                throw new Unmappable("expected an XML " + rootShape.name() + " document, got " + name);
            }
            return rootShape;
        }
        if (parent.text.toString().isBlank()) {
            parent.text.setLength(0);
        } else {
            throw new Unmappable("element " + parent.shape.name() + " mixes text and child elements");
        }
        Shape shape;
        if (parent.shape.anyChildren()) {
            shape = anyTree(name);
        } else {
            Child child = parent.shape.child(name).orElseThrow(() -> new Unmappable("element " + name
                    + " is not allowed in " + parent.shape.name()));
            int count = parent.counts.merge(name, 1, Integer::sum);
            if (count > child.max()) {
                throw new Unmappable("element " + parent.shape.name() + " has more than " + child.max() + " " + name
                        + " element" + (child.max() == 1 ? "" : "s"));
            }
            shape = child.shape();
        }
        return shape;
    }

    private static void characters(Open open, String text) throws Unmappable {
        if (!open.children.isEmpty() && !text.isBlank()) {
            throw new Unmappable("element " + open.shape.name() + " mixes text and child elements");
        }
        open.text.append(text);
    }

    private static Element end(Open open) throws Unmappable {
        Shape s = open.shape;
        for (Child c : s.children()) {
            if (open.counts.getOrDefault(c.shape().name(), 0) < c.min()) {
                throw new Unmappable("element " + s.name() + " needs " + (c.min() == 1 ? "a" : "at least " + c.min())
                        + " " + c.shape().name() + " element");
            }
        }
        String t = open.text.toString();
        if (s.text()) {
            return new Element(s.name(), s.exactText() ? t : t.strip(), List.of());
        }
        if (s.anyChildren() && open.children.isEmpty()) {
            return new Element(s.name(), t, List.of());
        }
        if (!t.isBlank()) {
            throw new Unmappable("element " + s.name() + " holds text where elements are expected");
        }
        return new Element(s.name(), "", List.copyOf(open.children));
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing to release
            }
        }
    }
}
