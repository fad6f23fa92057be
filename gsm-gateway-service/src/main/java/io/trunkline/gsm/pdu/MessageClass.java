package io.trunkline.gsm.pdu;

/** TS 23.038 4: message class 0 (flash, shown at once), 1 (ME specific), 2 (SIM specific), 3 (TE specific). */
public enum MessageClass {
    CLASS_0, CLASS_1, CLASS_2, CLASS_3
}
