package dev.berth.configs.control;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree with the line of every element, read with StAX. DTDs and external entities are refused: these
 * files come from outside, and an entity could read files of the manager or blow up its memory.
 */
public final class XmlTree {

    /** One element: its name, the line its start tag is on, its attributes, its trimmed text and its children. */
    public record Element(String name, int line, Map<String, String> attributes, String text, List<Element> children) {

        public List<Element> children(String childName) {
            return children.stream().filter(c -> c.name().equals(childName)).toList();
        }

        public Optional<String> attribute(String attributeName) {
            return Optional.ofNullable(attributes.get(attributeName)).map(String::trim);
        }
    }

    private static final class Builder {
        final String name;
        final int line;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        Element build() {
            return new Element(name, line, Map.copyOf(attributes), text.toString().trim(), List.copyOf(children));
        }
    }

    private XmlTree() {
    }

    /**
     * Reads {@code xml}; a file that is no well-formed XML, or has a DOCTYPE, adds its problem and gives nothing.
     */
    public static Optional<Element> read(String xml, Problems problems) {
        if (xml == null || xml.isBlank()) {
            problems.add(1, "the file is empty");
            return Optional.empty();
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // a byte order mark that survived decoding is no content
        String content = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(content));
            List<Builder> open = new ArrayList<>();
            Element root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> {
                        problems.add(line(reader.getLocation()), "a DOCTYPE is not allowed in this file; remove it");
                        return Optional.empty();
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> {
                        problems.add(line(reader.getLocation()), "entity &" + reader.getLocalName()
                                + "; is not allowed; write the character itself");
                        return Optional.empty();
                    }
                    case XMLStreamConstants.START_ELEMENT -> {
                        Builder element = new Builder(reader.getLocalName(), line(reader.getLocation()));
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            element.attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        open.add(element);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        Element done = open.remove(open.size() - 1).build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.get(open.size() - 1).children.add(done);
                        }
                    }
                    default -> {
                        // comments, processing instructions, the end of the document
                    }
                }
            }
            return Optional.ofNullable(root);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : line(e.getLocation());
            problems.add(line, "not well-formed XML: " + reason(e));
            return Optional.empty();
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing is held open on a string
                }
            }
        }
    }

    private static int line(Location location) {
        return Math.max(1, location.getLineNumber());
    }

    /** The parser's message without its own "ParseError at [row,col]:" prefix, which the line number replaces. */
    private static String reason(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int marker = message.indexOf("Message: ");
        return (marker >= 0 ? message.substring(marker + "Message: ".length()) : message).trim();
    }

    /** {@code value} as element text or attribute value: the five XML specials escaped. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
