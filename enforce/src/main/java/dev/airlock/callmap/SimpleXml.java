package dev.airlock.callmap;

import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small, hardened XML reader for the few S3 request bodies the mapper must read (a delete list,
 * a tag set, a retention setting): no DTDs, no entities, bounded size and depth. Names are local
 * names; namespaces are ignored.
 */
final class SimpleXml {

    static final int MAX_ELEMENTS = 20_000;
    static final int MAX_DEPTH = 16;

    /** One element: its local name, its text exactly as sent (S3 keys may start or end with spaces) and its child elements. */
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

        /** The single child of that name; several are refused. */
        Optional<Element> one(String childName) throws Unmappable {
            List<Element> found = all(childName);
            if (found.size() > 1) {
                throw new Unmappable("element " + name + " has " + found.size() + " " + childName + " elements");
            }
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }

        /** The text of the single child of that name, exactly as sent. */
        Optional<String> rawText(String childName) throws Unmappable {
            return one(childName).map(Element::text);
        }

        /** The text of the single child of that name, without surrounding white space. */
        Optional<String> text(String childName) throws Unmappable {
            return one(childName).map(e -> e.text().strip());
        }
    }

    private SimpleXml() {}

    static Element parse(byte[] body) throws Unmappable {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            Deque<Builder> stack = new ArrayDeque<>();
            Element root = null;
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
                        stack.push(new Builder(reader.getLocalName()));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) {
                            stack.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                        throw new Unmappable("the XML body uses a DTD or entity references");
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element done = stack.pop().build();
                        if (stack.isEmpty()) {
                            root = done;
                        } else {
                            stack.peek().children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions, the document's end
                    }
                }
            }
            if (root == null) {
                throw new Unmappable("the XML body is empty");
            }
            return root;
        } catch (XMLStreamException e) {
            throw new Unmappable("malformed XML body: " + e.getMessage());
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
    }

    private static final class Builder {
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        Element build() {
            return new Element(name, text.toString(), List.copyOf(children));
        }
    }
}
