package io.trunkline.relay.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.trunkline.relay.PartState;

/**
 * A delivery receipt as the carrier sent it: the Appendix B text fields (any may be missing) and the
 * receipted_message_id / message_state TLVs. Where both forms say something, the TLV wins (jasmin issue 427).
 *
 * @param textId       {@code id:} from the text, as written
 * @param tlvId        receipted_message_id, as written
 * @param statWord     {@code stat:} from the text, as written
 * @param messageState message_state TLV value, null if absent
 * @param err          {@code err:} from the text, as written
 * @param text         the receipt's whole text (short_message or message_payload)
 */
public record DeliveryReceipt(String textId, String tlvId, String statWord, Integer messageState, String err,
        String sub, String dlvrd, String submitDate, String doneDate, String text) {

    /** The ids the receipt quotes, TLV first. */
    public List<String> quotedIds() {
        List<String> ids = new ArrayList<>(2);
        if (tlvId != null && !tlvId.isBlank()) {
            ids.add(tlvId);
        }
        if (textId != null && !textId.isBlank()) {
            ids.add(textId);
        }
        return ids;
    }

    /** The normalised ids to look the part up by, most likely first. */
    public List<String> candidates() {
        return MessageIds.candidates(quotedIds());
    }

    /** The state the receipt reports: message_state if present and known, else the stat word. */
    public Optional<ReceiptStat> stat() {
        if (messageState != null) {
            Optional<MessageState> s = MessageState.of(messageState);
            if (s.isPresent()) {
                return Optional.of(s.get().stat());
            }
        }
        return ReceiptStat.parse(statWord);
    }

    /** What the receipt means for the part: an unreadable state is UNKNOWN. */
    public PartState partState() {
        return stat().map(ReceiptStat::partState).orElse(PartState.UNKNOWN);
    }

    /** The stat word to report (normalised), or what was written when it is not one we know. */
    public String statName() {
        return stat().map(Enum::name).orElse(statWord);
    }
}
