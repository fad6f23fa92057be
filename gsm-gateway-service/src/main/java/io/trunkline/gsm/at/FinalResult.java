package io.trunkline.gsm.at;

/** How a command ended (V.250 final result codes and the 27.005/27.007 extended errors). */
public enum FinalResult {
    OK, ERROR, CMS_ERROR, CME_ERROR, NO_CARRIER, TIMEOUT;

    public boolean ok() {
        return this == OK;
    }
}
