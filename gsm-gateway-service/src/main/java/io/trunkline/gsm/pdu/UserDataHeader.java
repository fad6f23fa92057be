package io.trunkline.gsm.pdu;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** TP-UDH (TS 23.040 9.2.3.24): information elements in order. */
public record UserDataHeader(List<Element> elements) {

    public record Element(int iei, byte[] data) {
        public InformationElementId id() {
            return InformationElementId.of(iei);
        }

        public String hex() {
            return Hex.encode(new byte[] {(byte) iei, (byte) data.length}) + Hex.encode(data);
        }
    }

    /** A concatenation element: reference, parts in total, this part's number (1-based). */
    public record Concat(int reference, int total, int sequence, boolean sixteenBit) {
        public Element toElement() {
            if (sixteenBit) {
                return new Element(InformationElementId.CONCATENATED_16BIT.iei, new byte[] {(byte) (reference >> 8),
                        (byte) reference, (byte) total, (byte) sequence});
            }
            return new Element(InformationElementId.CONCATENATED_8BIT.iei,
                    new byte[] {(byte) reference, (byte) total, (byte) sequence});
        }
    }

    /** Application port addressing (IEI 0x04 / 0x05). */
    public record Ports(int destination, int origin) {
    }

    public static UserDataHeader of(Element... elements) {
        return new UserDataHeader(List.of(elements));
    }

    /** Parses the header's elements (without the UDHL octet). */
    public static UserDataHeader parse(byte[] b, int from, int length) {
        List<Element> list = new ArrayList<>();
        int i = from;
        int end = from + length;
        while (i < end) {
            if (i + 2 > end) {
                throw new PduException("user data header ends inside an element at octet " + i);
            }
            int iei = b[i] & 0xFF;
            int len = b[i + 1] & 0xFF;
            if (i + 2 + len > end) {
                throw new PduException("user data header element 0x" + Integer.toHexString(iei) + " of " + len
                        + " octets runs past the header");
            }
            byte[] data = new byte[len];
            System.arraycopy(b, i + 2, data, 0, len);
            list.add(new Element(iei, data));
            i += 2 + len;
        }
        return new UserDataHeader(List.copyOf(list));
    }

    public Optional<Concat> concat() {
        for (Element e : elements) {
            if (e.iei == InformationElementId.CONCATENATED_8BIT.iei && e.data.length == 3) {
                return Optional.of(new Concat(e.data[0] & 0xFF, e.data[1] & 0xFF, e.data[2] & 0xFF, false));
            }
            if (e.iei == InformationElementId.CONCATENATED_16BIT.iei && e.data.length == 4) {
                return Optional.of(new Concat((e.data[0] & 0xFF) << 8 | e.data[1] & 0xFF, e.data[2] & 0xFF,
                        e.data[3] & 0xFF, true));
            }
        }
        return Optional.empty();
    }

    public Optional<Ports> ports() {
        for (Element e : elements) {
            if (e.iei == InformationElementId.APPLICATION_PORT_8BIT.iei && e.data.length == 2) {
                return Optional.of(new Ports(e.data[0] & 0xFF, e.data[1] & 0xFF));
            }
            if (e.iei == InformationElementId.APPLICATION_PORT_16BIT.iei && e.data.length == 4) {
                return Optional.of(new Ports((e.data[0] & 0xFF) << 8 | e.data[1] & 0xFF,
                        (e.data[2] & 0xFF) << 8 | e.data[3] & 0xFF));
            }
        }
        return Optional.empty();
    }

    /** The header's octets, without the UDHL octet. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Element e : elements) {
            out.write(e.iei);
            out.write(e.data.length);
            out.writeBytes(e.data);
        }
        return out.toByteArray();
    }
}
