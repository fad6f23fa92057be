package org.asteriskjava.manager.internal;

import java.util.Map;

import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;

/** Test access to asterisk-java's package-private event builder: decodes a captured event as its reader would. */
public final class CapturedEvents {
    private final EventBuilderImpl builder = new EventBuilderImpl();

    /** {@code attributes}: the message's header lines, keys in lower case as ManagerReaderImpl passes them. */
    public ManagerEvent build(Object source, Map<String, Object> attributes) {
        Object actionId = attributes.get("actionid");
        ManagerEvent event = builder.buildEvent(source, attributes);
        // as ManagerReaderImpl does: the ActionID of a response event, without asterisk-java's internal prefix
        if (event instanceof ResponseEvent r && actionId instanceof String id) {
            String user = ManagerUtil.stripInternalActionId(id);
            r.setActionId(user != null ? user : id);
            r.setInternalActionId(ManagerUtil.getInternalActionId(id));
        }
        return event;
    }
}
