package io.trunkline.voice.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.trunkline.events.CallStatus;

/**
 * Click-to-call, SMS-to-call and follow-me: ring the agent numbers (one after another, or all at once for ring-all
 * where the first to answer wins and the others are dropped with cause 26), then, if there is a customer, call the
 * customer and bridge the two. An agent that is busy or does not answer makes way for the next; when none answers
 * the call fails with each agent's reason. The call is complete when the bridged (or, without a customer, the
 * answered) party hangs up.
 */
final class ConnectRun extends CallRun {
    private final List<String> agents;
    private final List<String> customers;
    private final boolean ringAll;
    private final Duration agentRing;
    private final String invalid;
    private final List<String> failures = new ArrayList<>();
    private int nextAgent;
    private Leg agentLeg;
    private Leg customerLeg;
    private boolean bridged;

    ConnectRun(CallEngine engine, CallInfo info, List<String> agents, List<String> customers, boolean ringAll,
            Duration agentRing, String invalid) {
        super(engine, info);
        this.agents = agents;
        this.customers = customers;
        this.ringAll = ringAll;
        this.agentRing = agentRing;
        this.invalid = invalid;
    }

    @Override
    int channelsNeeded() {
        int customer = customers.isEmpty() ? 0 : 1;
        return (ringAll ? Math.max(1, agents.size()) : 1) + customer;
    }

    @Override
    void start() {
        if (invalid != null) {
            finish(CallStatus.FAILED, invalid);
        } else if (agents.isEmpty()) {
            finish(CallStatus.FAILED, "no agent number to call");
        } else if (!customers.isEmpty() && !engine.canBridge()) {
            finish(CallStatus.FAILED, "this driver cannot bridge two calls; connecting calls needs the ami driver");
        } else if (ringAll) {
            status(CallStatus.DIALING_AGENT, String.join(",", agents), null);
            for (String a : agents) {
                dial(a, "AGENT", 1, agentRing, engine.config.holdContext(), Map.of());
            }
        } else {
            dialNextAgent();
        }
    }

    private void dialNextAgent() {
        if (nextAgent >= agents.size()) {
            finish(CallStatus.FAILED, "no agent answered: " + String.join("; ", failures));
            return;
        }
        String a = agents.get(nextAgent++);
        status(CallStatus.DIALING_AGENT, a, null);
        dial(a, "AGENT", nextAgent, agentRing, engine.config.holdContext(), Map.of());
    }

    @Override
    void legAnswered(Leg leg) {
        if ("AGENT".equals(leg.role)) {
            if (agentLeg != null) {
                engine.hangup(leg.id, 26); // ring-all: answered elsewhere
                return;
            }
            agentLeg = leg;
            status(CallStatus.AGENT_ANSWERED, leg.number, null);
            if (ringAll) {
                for (Leg other : legs.values()) {
                    if (other != leg && other.live() && "AGENT".equals(other.role)) {
                        engine.hangup(other.id, 26);
                    }
                }
            }
            if (!customers.isEmpty()) {
                String c = customers.get(0);
                status(CallStatus.DIALING_CUSTOMER, c, null);
                dial(c, "CUSTOMER", 1, engine.config.ringTimeout(), engine.config.holdContext(), Map.of());
            }
        } else {
            customerLeg = leg;
            if (agentLeg == null || !agentLeg.live()) {
                finish(CallStatus.FAILED, "agent hung up before the customer answered");
            } else if (engine.bridge(agentLeg.id, leg.id)) {
                bridged = true;
                status(CallStatus.BRIDGED, agentLeg.number + "," + leg.number, null);
            } else {
                finish(CallStatus.FAILED, "Asterisk refused to bridge the agent and the customer");
            }
        }
    }

    @Override
    void legEnded(Leg leg) {
        if ("AGENT".equals(leg.role)) {
            if (leg == agentLeg) {
                if (bridged || customers.isEmpty()) {
                    finish(CallStatus.COMPLETED, null);
                } else {
                    finish(CallStatus.FAILED, "agent hung up before the customer answered");
                }
            } else if (agentLeg == null) {
                failures.add(leg.number + " " + describe(leg.outcome));
                if (!ringAll) {
                    dialNextAgent();
                } else if (legs.values().stream().noneMatch(l -> "AGENT".equals(l.role) && l.live())) {
                    finish(CallStatus.FAILED, "no agent answered: " + String.join("; ", failures));
                }
            }
        } else if (leg == customerLeg && bridged) {
            finish(CallStatus.COMPLETED, null);
        } else {
            finish(CallStatus.FAILED, "customer " + leg.number + " " + describe(leg.outcome));
        }
    }
}
