package io.trunkline.gsm.pdu;

import java.time.Duration;
import java.time.OffsetDateTime;

/** TP-VP of an SMS-SUBMIT (TS 23.040 9.2.3.12) and its format TP-VPF (9.2.3.3). */
public sealed interface ValidityPeriod {
    /** TP-VPF values, bits 4..3 of the first octet. */
    enum Format {
        NONE(0x00), ENHANCED(0x08), RELATIVE(0x10), ABSOLUTE(0x18);

        public final int bits;

        Format(int bits) {
            this.bits = bits;
        }

        public static Format of(int firstOctet) {
            int b = firstOctet & 0x18;
            for (Format f : values()) {
                if (f.bits == b) {
                    return f;
                }
            }
            throw new IllegalStateException();
        }
    }

    Format format();

    record Relative(int tpVp) implements ValidityPeriod {
        public Format format() {
            return Format.RELATIVE;
        }

        /** The shortest TP-VP that covers the duration (5 min .. 63 weeks), per the table of 9.2.3.12.1. */
        public static Relative covering(Duration d) {
            long minutes = Math.max(5, (d.toSeconds() + 59) / 60);
            int v;
            if (minutes <= 12 * 60) {
                v = (int) ((minutes + 4) / 5 - 1);
            } else if (minutes <= 24 * 60) {
                v = (int) (143 + (minutes - 720 + 29) / 30);
            } else if (minutes <= 30L * 24 * 60) {
                v = (int) (166 + (minutes + 1439) / 1440);
            } else {
                v = (int) Math.min(255, 192 + (minutes + 7 * 1440 - 1) / (7 * 1440));
            }
            return new Relative(v);
        }

        public Duration duration() {
            if (tpVp <= 143) {
                return Duration.ofMinutes((tpVp + 1) * 5L);
            } else if (tpVp <= 167) {
                return Duration.ofMinutes(720 + (tpVp - 143) * 30L);
            } else if (tpVp <= 196) {
                return Duration.ofDays(tpVp - 166);
            }
            return Duration.ofDays((tpVp - 192) * 7L);
        }
    }

    record Absolute(OffsetDateTime until) implements ValidityPeriod {
        public Format format() {
            return Format.ABSOLUTE;
        }
    }

    record Enhanced(byte[] octets) implements ValidityPeriod {
        public Format format() {
            return Format.ENHANCED;
        }
    }
}
