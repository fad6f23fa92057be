package io.trunkline.gsm.port;

/** The modem did not finish a command in time: the port is treated as down. */
public class PortTimeoutException extends Exception {
    public PortTimeoutException(String message) {
        super(message);
    }
}
