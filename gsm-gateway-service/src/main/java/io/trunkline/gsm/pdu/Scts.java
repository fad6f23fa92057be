package io.trunkline.gsm.pdu;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Service-centre time stamps and absolute validity periods (TS 23.040 9.2.3.11): seven swapped semi-octet pairs,
 * the last the offset from UTC in quarter hours with bit 3 of its first digit as the sign. Years 00..99 are 2000..2099.
 */
public final class Scts {
    private Scts() {
    }

    public static OffsetDateTime decode(byte[] b, int at) {
        if (at + 7 > b.length) {
            throw new PduException("PDU ends inside a time stamp (at octet " + at + ")");
        }
        int[] v = new int[6];
        for (int i = 0; i < 6; i++) {
            v[i] = bcd(b[at + i], i);
        }
        int tz = b[at + 6] & 0xFF;
        boolean negative = (tz & 0x08) != 0;
        int quarters = (tz & 0x07) * 10 + (tz >> 4);
        if (quarters > 4 * 18) {
            throw new PduException("time-zone offset of " + quarters + " quarter hours is out of range");
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds((negative ? -1 : 1) * quarters * 15 * 60);
        try {
            return OffsetDateTime.of(2000 + v[0], v[1], v[2], v[3], v[4], v[5], 0, offset);
        } catch (java.time.DateTimeException e) {
            throw new PduException("invalid time stamp: " + e.getMessage());
        }
    }

    private static int bcd(byte o, int field) {
        int lo = o & 0xF;
        int hi = (o >> 4) & 0xF;
        if (lo > 9 || hi > 9) {
            throw new PduException("time stamp field " + field + " is not decimal: " + Hex.encode(new byte[] {o}));
        }
        return lo * 10 + hi;
    }

    public static byte[] encode(OffsetDateTime t) {
        int[] v = {t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()};
        byte[] out = new byte[7];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((v[i] % 10) << 4 | v[i] / 10);
        }
        int seconds = t.getOffset().getTotalSeconds();
        int quarters = Math.abs(seconds) / 900;
        out[6] = (byte) ((quarters % 10) << 4 | (quarters / 10) | (seconds < 0 ? 0x08 : 0));
        return out;
    }
}
