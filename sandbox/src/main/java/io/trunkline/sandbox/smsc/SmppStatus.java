package io.trunkline.sandbox.smsc;

/** The SMPP 3.4 command_status values (section 5.1.3) the sandbox SMSC answers with. */
public final class SmppStatus {
    public static final int ESME_ROK = 0x00000000;
    public static final int ESME_RSYSERR = 0x00000008;
    public static final int ESME_RINVDSTADR = 0x0000000B;
    public static final int ESME_RINVPASWD = 0x0000000E;
    public static final int ESME_RINVSYSID = 0x0000000F;
    public static final int ESME_RMSGQFUL = 0x00000014;
    public static final int ESME_RSUBMITFAIL = 0x00000045;
    public static final int ESME_RTHROTTLED = 0x00000058;
    public static final int ESME_RINVCMDID = 0x00000003;

    private SmppStatus() {
    }
}
